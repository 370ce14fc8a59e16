-- Admin rights belong to an account and are granted from the command line ('papersift admin
-- grant EMAIL'), by whoever runs the server: never by signing up with a listed address.
ALTER TABLE users ADD COLUMN admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1));
