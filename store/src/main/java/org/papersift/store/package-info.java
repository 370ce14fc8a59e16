/**
 * The store: the source of truth. A SQLite file (embedded default) holding papers, the change
 * sequence the search index follows, job state, and readers' accounts, sessions, votes and
 * libraries; schema by Flyway migrations.
 */
package org.papersift.store;
