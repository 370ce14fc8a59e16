package org.papersift.sources.file;

/**
 * Strict UTF-8 validation (RFC 3629): rejects overlong forms, surrogates and code points past
 * U+10FFFF, which the JSON parser would otherwise let through into the store.
 */
final class Utf8 {
  private Utf8() {}

  /** The offset of the first invalid byte in {@code b[0..len)}, or -1 if all is valid. */
  static int firstInvalid(byte[] b, int len) {
    int i = 0;
    while (i < len) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        min = 0x10000;
      } else {
        return i; // continuation byte first, 0xc0/0xc1 (always overlong) or 0xf5..0xff
      }
      if (i + need >= len) {
        return i; // cut off by the end of the line
      }
      int cp = c & (0x3f >> need);
      for (int k = 1; k <= need; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xc0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return i;
      }
      i += need + 1;
    }
    return -1;
  }
}
