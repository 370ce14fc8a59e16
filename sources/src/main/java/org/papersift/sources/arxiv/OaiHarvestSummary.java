package org.papersift.sources.arxiv;

import java.time.Instant;

/**
 * The outcome of a whole ListRecords harvest.
 *
 * @param responseDate the server's {@code <responseDate>} of the first request; store it (as a
 *     date) as {@code from} of the next incremental harvest, since it is the server's clock, not
 *     ours, that datestamps records
 * @param pages pages delivered to the callback (0 when nothing matched)
 * @param completeListSize from the first resumption token, or null if the server did not say
 */
public record OaiHarvestSummary(Instant responseDate, int pages, int records, int deleted,
    int rejected, Long completeListSize) {}
