/**
 * Offline retrieval evaluation: reading BEIR-layout test collections ({@link
 * org.papersift.app.eval.BeirCollection}), scoring runs the way {@code trec_eval -c} does ({@link
 * org.papersift.app.eval.TrecMetrics}) and summarising benchmark latencies ({@link
 * org.papersift.app.eval.LatencyStats}).
 *
 * <p>Nothing here touches the search engine: the {@code eval} command feeds documents from a
 * collection through the normal ingest path, runs the queries through the normal search path and
 * hands the ranked lists to {@code TrecMetrics}, so the numbers describe the product as shipped.
 */
package org.papersift.app.eval;
