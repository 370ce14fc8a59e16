package org.papersift.store;

/** What an upsert did to one paper. */
public enum UpsertOutcome {
  NEW,
  UPDATED,
  UNCHANGED
}
