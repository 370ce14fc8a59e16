package org.papersift.app;

import java.util.Map;
import org.papersift.search.embed.EmbeddingModel;

/**
 * Which embedding model semantic search uses and how much of each paper it reads. Environment:
 * PAPERSIFT_MODEL (bge-small-en-v1.5 or all-MiniLM-L6-v2), PAPERSIFT_MAX_TOKENS.
 */
public record SemanticSettings(EmbeddingModel model, int maxTokens) {
  public static final String DEFAULT_MODEL = "bge-small-en-v1.5";

  public SemanticSettings {
    if (maxTokens < 16) {
      throw new IllegalArgumentException("max tokens must be at least 16, got " + maxTokens);
    }
    maxTokens = Math.min(maxTokens, model.maxTokens());
  }

  public static SemanticSettings fromEnvironment(Map<String, String> env) {
    EmbeddingModel model = EmbeddingModel.byId(env.getOrDefault("PAPERSIFT_MODEL", DEFAULT_MODEL));
    String max = env.get("PAPERSIFT_MAX_TOKENS");
    try {
      return new SemanticSettings(model, max == null || max.isBlank() ? model.maxTokens()
          : Integer.parseInt(max.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("PAPERSIFT_MAX_TOKENS must be a whole number, got \""
          + max + "\"");
    }
  }
}
