/**
 * The store: the source of truth. A SQLite file (embedded default) holding papers, the change
 * sequence the search index follows, and job state; schema by Flyway migrations.
 */
package org.papersift.store;
