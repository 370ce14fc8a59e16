package org.papersift.search;

import java.util.Locale;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * How the HNSW graph stores vectors. FLOAT32 compares full vectors; INT8 compares 8-bit
 * quantized copies (4x less memory to search; the float vectors stay on disk) and rescores the
 * best candidates at full precision, since quantized HNSW alone loses recall.
 */
public enum VectorFormat {
  FLOAT32,
  INT8;

  /** HNSW graph: neighbours per node and construction beam, Lucene's defaults. */
  static final int MAX_CONN = 16;
  static final int BEAM_WIDTH = 100;

  KnnVectorsFormat luceneFormat() {
    return switch (this) {
      case FLOAT32 -> new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH);
      case INT8 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE,
          MAX_CONN, BEAM_WIDTH);
    };
  }

  public static VectorFormat of(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("vector format: expected float32 or int8, got \"" + s
          + "\"");
    }
  }
}
