package org.papersift.app.embed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.papersift.core.paper.Paper;

/** What of a paper is embedded (title and abstract), and the hash that says a vector is current. */
public final class EmbeddingText {
  private EmbeddingText() {}

  public static String of(Paper p) {
    return p.abstractText() == null ? p.title() : p.title() + ". " + p.abstractText();
  }

  /** SHA-256 of the embedded text and the model's input settings (max tokens). */
  public static String hash(Paper p, int maxTokens) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((maxTokens + "\n" + of(p)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
