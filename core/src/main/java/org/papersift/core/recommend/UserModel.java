package org.papersift.core.recommend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One reader's linear model over paper vectors: {@code score(x) = weights · x + bias}, higher for
 * papers more like the reader's. Scores rank papers for one reader; they are not probabilities
 * (training weights both classes equally) and not comparable between readers.
 *
 * @param positives how many papers of the reader it was trained on
 */
public record UserModel(float[] weights, float bias, int positives) {
  /** Leads {@link #toBytes()}: format 1, little-endian floats. */
  private static final int FORMAT = 1;

  public UserModel {
    if (weights == null || weights.length == 0) {
      throw new IllegalArgumentException("a model needs at least one weight");
    }
    weights = weights.clone();
    for (float w : weights) {
      if (!Float.isFinite(w)) {
        throw new IllegalArgumentException("weights must be finite, got " + w);
      }
    }
    if (!Float.isFinite(bias)) {
      throw new IllegalArgumentException("bias must be finite, got " + bias);
    }
    if (positives < 0) {
      throw new IllegalArgumentException("positives must not be negative, got " + positives);
    }
  }

  public int dimension() {
    return weights.length;
  }

  /** A copy of the weights. */
  @Override
  public float[] weights() {
    return weights.clone();
  }

  /**
   * The weights scaled to length 1 (a copy): the direction in vector space this reader's papers
   * lie in, usable as a nearest-neighbour query; zero weights stay zero.
   */
  public float[] direction() {
    double norm = Math.sqrt(Vectors.dot(weights, weights));
    float[] out = new float[weights.length];
    if (norm > 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (weights[i] / norm);
      }
    }
    return out;
  }

  /** The model's score of a paper vector of the same dimension. */
  public double score(float[] vector) {
    if (vector.length != weights.length) {
      throw new IllegalArgumentException("the model has " + weights.length
          + " dimensions, the vector " + vector.length);
    }
    return Vectors.dot(weights, vector) + bias;
  }

  /**
   * The score of the vector stored at {@code offset} in {@code rows}, a flat matrix of vectors of
   * this model's dimension: scores a whole corpus without copying each vector out.
   */
  public double score(float[] rows, int offset) {
    if (offset < 0 || offset > rows.length - weights.length) {
      throw new IllegalArgumentException("no vector of " + weights.length + " dimensions at "
          + offset + " in " + rows.length + " floats");
    }
    return Vectors.dotRow(rows, offset, weights) + bias;
  }

  /** Format byte, dimension, positives, bias, weights; {@link #fromBytes} reads it back. */
  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + 4 + 4 + 4 * weights.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) FORMAT).putInt(weights.length).putInt(positives).putFloat(bias);
    for (float w : weights) {
      b.putFloat(w);
    }
    return b.array();
  }

  public static UserModel fromBytes(byte[] bytes) {
    if (bytes.length < 13 || bytes[0] != FORMAT) {
      throw new IllegalArgumentException("not a stored user model (format " + FORMAT
          + " expected, " + bytes.length + " bytes"
          + (bytes.length > 0 ? ", format byte " + bytes[0] : "") + ")");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.get();
    int dim = b.getInt();
    int positives = b.getInt();
    float bias = b.getFloat();
    if (dim < 1 || b.remaining() != 4L * dim) {
      throw new IllegalArgumentException("a stored user model of " + dim + " dimensions needs "
          + (13 + 4L * dim) + " bytes, got " + bytes.length);
    }
    float[] w = new float[dim];
    for (int i = 0; i < dim; i++) {
      w[i] = b.getFloat();
    }
    return new UserModel(w, bias, positives);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserModel m && m.bias == bias && m.positives == positives
        && Arrays.equals(m.weights, weights);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(weights) + Float.hashCode(bias)) + positives;
  }

  @Override
  public String toString() {
    return "UserModel[" + weights.length + " dimensions, bias " + bias + ", " + positives
        + " positives]";
  }
}
