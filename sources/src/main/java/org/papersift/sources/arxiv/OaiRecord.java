package org.papersift.sources.arxiv;

import org.papersift.core.paper.Paper;

/**
 * One harvested record.
 *
 * @param paper null only for a deleted record (then {@code header().deleted()} is true)
 * @param details null only for a deleted record
 */
public record OaiRecord(OaiHeader header, Paper paper, ArxivDetails details) {}
