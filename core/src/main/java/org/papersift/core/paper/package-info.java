/**
 * The paper as papersift knows it: one normalized record per work (arXiv id without version),
 * whatever source it came from, and the rules for merging a newer record onto a stored one.
 */
package org.papersift.core.paper;
