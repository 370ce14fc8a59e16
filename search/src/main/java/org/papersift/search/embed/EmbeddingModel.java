package org.papersift.search.embed;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What an {@link Embedder} needs to know about one model: where its files are on the classpath,
 * how to feed it and how to turn its token vectors into one text vector. The settings of each
 * model live as named constants in its own class ({@link BgeSmallEnV15Q}, {@link AllMiniLmL6V2Q});
 * this record only carries them.
 *
 * @param id stable name, stored next to vectors so an index knows which model made them
 * @param onnxResource classpath resource of the ONNX graph
 * @param tokenizerResource classpath resource of the Hugging Face {@code tokenizer.json}
 * @param outputName graph output holding the per-token vectors, shape [batch, tokens, dimension]
 * @param dimension length of the vectors
 * @param maxTokens most tokens the model accepts, special tokens included
 * @param pooling how token vectors become one vector
 * @param queryPrefix prepended to queries (an instruction some models were trained with)
 * @param passagePrefix prepended to passages
 */
public record EmbeddingModel(
    String id,
    String onnxResource,
    String tokenizerResource,
    String outputName,
    int dimension,
    int maxTokens,
    Pooling pooling,
    String queryPrefix,
    String passagePrefix) {

  /** How the per-token output vectors become one vector for the text. */
  public enum Pooling {
    /** The vector of the first ([CLS]) token. */
    CLS,
    /** The mean of the vectors of all attended tokens, special tokens included. */
    MEAN
  }

  public EmbeddingModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(onnxResource, "onnxResource");
    Objects.requireNonNull(tokenizerResource, "tokenizerResource");
    Objects.requireNonNull(outputName, "outputName");
    Objects.requireNonNull(pooling, "pooling");
    Objects.requireNonNull(queryPrefix, "queryPrefix");
    Objects.requireNonNull(passagePrefix, "passagePrefix");
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
    }
    // [CLS] and [SEP] take two tokens; a model that takes fewer than three can say nothing.
    if (maxTokens < 3) {
      throw new IllegalArgumentException("maxTokens must be at least 3, got " + maxTokens);
    }
  }

  /** Every model papersift knows, the default first. */
  public static List<EmbeddingModel> all() {
    return List.of(BgeSmallEnV15Q.MODEL, AllMiniLmL6V2Q.MODEL, BgeSmallEnV15.MODEL);
  }

  /**
   * The model with this id, compared ignoring case.
   *
   * @throws IllegalArgumentException naming the valid ids when none matches
   */
  public static EmbeddingModel byId(String id) {
    for (EmbeddingModel model : all()) {
      if (model.id.equalsIgnoreCase(id)) {
        return model;
      }
    }
    throw new IllegalArgumentException("Unknown embedding model '" + id + "'; expected one of: "
        + all().stream().map(EmbeddingModel::id).collect(Collectors.joining(", ")));
  }
}
