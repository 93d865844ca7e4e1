package io.tideway.contracts.mapping.infer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The charset of a file's first bytes and those bytes as text: a BOM decides (UTF-8, UTF-16 LE or
 * BE); without one, bytes that are valid UTF-8 are UTF-8, otherwise windows-1252 (or ISO-8859-1
 * when a byte is one windows-1252 leaves undefined).
 *
 * @param charset the name a mapping's {@code dialect.charset} takes
 * @param bom whether the bytes start with a byte order mark
 * @param text the decoded bytes, without the BOM
 */
public record SniffedText(String charset, boolean bom, String text) {

  /** Sniffs {@code head}, the first bytes of a file; {@code complete} when it is the whole file. */
  public static SniffedText of(byte[] head, boolean complete) {
    int n = head.length;
    if (n >= 3
        && (head[0] & 0xFF) == 0xEF
        && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF) {
      return new SniffedText(
          "UTF-8",
          true,
          decodeLenient(head, 3, utf8Cut(head, complete) - 3, StandardCharsets.UTF_8));
    }
    if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      return new SniffedText(
          "UTF-16", true, decodeLenient(head, 2, even(n - 2), StandardCharsets.UTF_16LE));
    }
    if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      return new SniffedText(
          "UTF-16", true, decodeLenient(head, 2, even(n - 2), StandardCharsets.UTF_16BE));
    }
    int cut = utf8Cut(head, complete);
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(head, 0, cut))
              .toString();
      return new SniffedText("UTF-8", false, text);
    } catch (CharacterCodingException e) {
      for (byte b : head) {
        int u = b & 0xFF;
        if (u == 0x81 || u == 0x8D || u == 0x8F || u == 0x90 || u == 0x9D) {
          return new SniffedText(
              "ISO-8859-1", false, new String(head, StandardCharsets.ISO_8859_1));
        }
      }
      return new SniffedText(
          "windows-1252", false, decodeLenient(head, 0, n, Charset.forName("windows-1252")));
    }
  }

  private static int even(int n) {
    return n - (n % 2);
  }

  /** The length without a UTF-8 sequence cut off at the end of an incomplete sample. */
  private static int utf8Cut(byte[] head, boolean complete) {
    int n = head.length;
    if (complete) {
      return n;
    }
    for (int back = 1; back <= 3 && n - back >= 0; back++) {
      int b = head[n - back] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue; // continuation byte: look further back for the lead byte
      }
      int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return need > back ? n - back : n;
    }
    return n;
  }

  private static String decodeLenient(byte[] b, int off, int len, Charset cs) {
    return new String(b, off, Math.max(0, len), cs);
  }
}
