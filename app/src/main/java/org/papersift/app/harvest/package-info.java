/**
 * Harvesting arXiv into the store: one incremental OAI-PMH harvest of a set (the {@code harvest}
 * command and {@code serve} share it), the schedule {@code serve} runs in the background, and the
 * record of how the last harvest went (shown by the status page).
 */
package org.papersift.app.harvest;
