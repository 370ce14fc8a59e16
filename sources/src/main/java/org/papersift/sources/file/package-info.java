/**
 * Bulk files: JSONL in the papersift sample layout and the arXiv metadata snapshot layout, plain or
 * gzipped, format detected per record. Each bad record is reported with file and line; the rest
 * of the file goes on.
 */
package org.papersift.sources.file;
