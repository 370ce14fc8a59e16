/** Trending: votes decayed by age into one score per paper. */
package org.papersift.core.trending;
