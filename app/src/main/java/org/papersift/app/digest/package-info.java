/**
 * Digests by email: {@link org.papersift.app.digest.DigestPlanner} builds and plans each due
 * digest into the outbox exactly once (trending, topic alerts, personal picks), {@link
 * org.papersift.app.digest.DigestRound} plans and sends in one go (serve's scheduler, {@code
 * papersift digest run}), {@link org.papersift.app.digest.ConfirmMail} is the double opt-in mail,
 * and {@link org.papersift.app.digest.DigestSettings} says where mail goes and what links say.
 */
package org.papersift.app.digest;
