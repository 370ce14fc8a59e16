/**
 * The store: the source of truth. A SQLite file (embedded default) holding papers, the change
 * sequence the search index follows, job state, readers' accounts, sessions, votes and libraries,
 * digest subscribers, alerts and the mail outbox; schema by Flyway migrations.
 */
package org.papersift.store;
