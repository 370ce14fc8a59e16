package org.papersift.app.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Effectiveness scores for one query ({@code queries == 1}) or the mean over {@code queries}
 * queries. Jackson writes it with the names BEIR papers and leaderboards use, so {@code --json}
 * output can be compared with published tables without renaming.
 */
@JsonPropertyOrder({Metrics.NDCG_10, Metrics.RECALL_100, Metrics.MRR_10, "queries"})
public record Metrics(
    @JsonProperty(NDCG_10) double ndcg10,
    @JsonProperty(RECALL_100) double recall100,
    @JsonProperty(MRR_10) double mrr10,
    @JsonProperty("queries") int queries) {

  public static final String NDCG_10 = "ndcg@10";
  public static final String RECALL_100 = "recall@100";
  public static final String MRR_10 = "mrr@10";

  /** The same values as an ordered map, for callers that build their JSON or text by hand. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(NDCG_10, ndcg10);
    m.put(RECALL_100, recall100);
    m.put(MRR_10, mrr10);
    m.put("queries", queries);
    return m;
  }
}
