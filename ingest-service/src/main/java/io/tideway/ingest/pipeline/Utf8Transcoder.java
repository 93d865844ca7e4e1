package io.tideway.ingest.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-16 (or any other) byte stream re-encoded as UTF-8, for the byte-level CSV reader. The byte
 * offsets of checkpoints refer to this UTF-8 stream, which is the same on every read of the file.
 */
final class Utf8Transcoder extends InputStream {

  private final Reader reader;
  private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
  private final CharBuffer chars = CharBuffer.allocate(8192);
  private final ByteBuffer bytes = ByteBuffer.allocate(8192 * 3);
  private boolean eof;

  Utf8Transcoder(InputStream in, Charset charset) {
    // The UTF-16 decoder reads the BOM and drops it.
    this.reader = new InputStreamReader(in, charset);
    bytes.flip();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!bytes.hasRemaining()) {
      if (eof) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, bytes.remaining());
    bytes.get(b, off, n);
    return n;
  }

  private void fill() throws IOException {
    bytes.clear();
    int n = reader.read(chars);
    if (n < 0) {
      eof = true;
      chars.flip();
      encoder.encode(chars, bytes, true);
      encoder.flush(bytes);
    } else {
      chars.flip();
      encoder.encode(chars, bytes, false);
      chars.compact();
    }
    bytes.flip();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
