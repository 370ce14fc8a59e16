package org.papersift.app;

import java.util.Map;
import org.papersift.search.Fusion;
import org.papersift.search.VectorFormat;
import org.papersift.search.embed.EmbeddingModel;

/**
 * Which embedding model semantic search uses, how much of each paper it reads, and how the index
 * stores vectors. Environment: PAPERSIFT_MODEL (bge-small-en-v1.5 or all-MiniLM-L6-v2),
 * PAPERSIFT_MAX_TOKENS, PAPERSIFT_VECTORS (float32 or int8).
 */
public record SemanticSettings(EmbeddingModel model, int maxTokens, VectorFormat vectorFormat) {
  public static final String DEFAULT_MODEL = "bge-small-en-v1.5";

  /**
   * Hybrid search's weight of the dense score (convex fusion), per model: chosen on the SciFact
   * train queries (docs/benchmarks.md). A stronger model earns a larger share.
   */
  static final Map<String, Float> HYBRID_DENSE_WEIGHT =
      Map.of("bge-small-en-v1.5", 0.7f, "bge-small-en-v1.5-fp32", 0.7f,
          "all-MiniLM-L6-v2", 0.3f);

  /** The fusion hybrid search uses with this model. */
  public Fusion fusion() {
    Fusion d = Fusion.DEFAULT;
    return d.withWeight(HYBRID_DENSE_WEIGHT.getOrDefault(model.id(), d.weight()));
  }

  public SemanticSettings {
    if (maxTokens < 16) {
      throw new IllegalArgumentException("max tokens must be at least 16, got " + maxTokens);
    }
    maxTokens = Math.min(maxTokens, model.maxTokens());
  }

  public SemanticSettings(EmbeddingModel model, int maxTokens) {
    this(model, maxTokens, VectorFormat.FLOAT32);
  }

  public static SemanticSettings fromEnvironment(Map<String, String> env) {
    EmbeddingModel model = EmbeddingModel.byId(env.getOrDefault("PAPERSIFT_MODEL", DEFAULT_MODEL));
    String max = env.get("PAPERSIFT_MAX_TOKENS");
    VectorFormat format = VectorFormat.of(env.getOrDefault("PAPERSIFT_VECTORS", "float32"));
    try {
      return new SemanticSettings(model, max == null || max.isBlank() ? model.maxTokens()
          : Integer.parseInt(max.strip()), format);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("PAPERSIFT_MAX_TOKENS must be a whole number, got \""
          + max + "\"");
    }
  }
}
