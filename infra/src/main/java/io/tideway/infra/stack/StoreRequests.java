package io.tideway.infra.stack;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.MessageFlag;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.OpCode;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's request decoder, which also keeps the bytes of each document an insert carries
 * ({@link ArrivedBytes}): the driver sends them as a document sequence of the OP_MSG, and the
 * in-memory store keeps a document as its BSON bytes, so it need not encode what it has just
 * decoded (its CPU per inserted document fell to 0.80–0.89, docs/BENCHMARKS.md).
 */
final class StoreRequests extends MongoWireProtocolHandler {

  /** The message header: length, request id, response-to, op code (int32 each). */
  private static final int HEADER_BYTES = 16;

  private static final int OP_CODE_AT = 12;

  private static final int CHECKSUM_BYTES = 4;

  @Override
  protected ClientRequest decode(ChannelHandlerContext ctx, ByteBuf buf) throws Exception {
    int start = buf.readerIndex();
    ClientRequest request = super.decode(ctx, buf);
    ArrivedBytes.clear();
    if (request instanceof MongoMessage message
        && message.getDocument().containsKey("insert")
        && message.getDocument().get("documents") instanceof List<?> decoded) {
      List<byte[]> arrived = insertedDocuments(buf, start);
      // Only what the driver sent as a sequence, one to one, and with an _id: the library adds
      // an _id to a document without one, which its arrived bytes would then lack.
      if (arrived.size() == decoded.size()) {
        for (int i = 0; i < arrived.size(); i++) {
          if (decoded.get(i) instanceof Document d && d.containsKey("_id")) {
            ArrivedBytes.keep(d, arrived.get(i));
          }
        }
      }
    }
    return request;
  }

  /**
   * The documents of the "documents" sequence of the OP_MSG at {@code start} of {@code buf}, which
   * the library has just decoded (so its frame is whole and well formed); empty if it has none.
   */
  private static List<byte[]> insertedDocuments(ByteBuf buf, int start) {
    List<byte[]> out = new ArrayList<>();
    if (buf.getIntLE(start + OP_CODE_AT) != OpCode.OP_MSG.getId()) {
      return out;
    }
    int end = start + buf.getIntLE(start);
    if (MessageFlag.CHECKSUM_PRESENT.isSet(buf.getIntLE(start + HEADER_BYTES))) {
      end -= CHECKSUM_BYTES;
    }
    int at = start + HEADER_BYTES + 4;
    while (at < end) {
      byte kind = buf.getByte(at++);
      int sectionEnd = at + buf.getIntLE(at);
      if (kind == MongoMessage.SECTION_KIND_DOCUMENT_SEQUENCE) {
        int nameEnd = buf.indexOf(at + 4, sectionEnd, (byte) 0);
        String name = buf.toString(at + 4, nameEnd - at - 4, StandardCharsets.UTF_8);
        for (int doc = nameEnd + 1; name.equals("documents") && doc < sectionEnd; ) {
          byte[] bson = new byte[buf.getIntLE(doc)];
          buf.getBytes(doc, bson);
          out.add(bson);
          doc += bson.length;
        }
      }
      at = sectionEnd;
    }
    return out;
  }
}
