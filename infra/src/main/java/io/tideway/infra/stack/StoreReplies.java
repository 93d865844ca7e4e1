package io.tideway.infra.stack;

import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.OpCode;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoReply;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's reply encoders: the library's ({@code MongoWireMessageEncoder}, {@code
 * MongoWireReplyEncoder}) byte for byte, except that a {@link StoredDocument} is written as its
 * stored bytes. The verifier's scan of a file then costs the store no decode and encode of each
 * document (docs/BENCHMARKS.md).
 */
final class StoreReplies {

  private static final Logger LOG = LoggerFactory.getLogger(StoreReplies.class);

  private StoreReplies() {}

  /** Replies to {@code OP_MSG} requests, as the library's {@code MongoWireMessageEncoder}. */
  static final class MessageEncoder extends MessageToByteEncoder<MongoMessage> {

    @Override
    protected void encode(ChannelHandlerContext ctx, MongoMessage message, ByteBuf out) {
      int start = writeHeader(message.getHeader(), OpCode.OP_MSG, message.getFlags(), out);
      out.writeByte(MongoMessage.SECTION_KIND_BODY);
      closingOnFailure(ctx, () -> writeDocument(message.getDocument(), out));
      out.setIntLE(start, out.writerIndex() - start);
    }
  }

  /**
   * Replies to legacy {@code OP_QUERY} requests, as the library's {@code MongoWireReplyEncoder}.
   */
  static final class ReplyEncoder extends MessageToByteEncoder<MongoReply> {

    @Override
    protected void encode(ChannelHandlerContext ctx, MongoReply reply, ByteBuf out) {
      int start = writeHeader(reply.getHeader(), OpCode.OP_REPLY, reply.getFlags(), out);
      out.writeLongLE(reply.getCursorId());
      out.writeIntLE(reply.getStartingFrom());
      out.writeIntLE(reply.getDocuments().size());
      for (var document : reply.getDocuments()) {
        closingOnFailure(ctx, () -> writeDocument(document, out));
      }
      out.setIntLE(start, out.writerIndex() - start);
    }
  }

  /**
   * Writes a reply's header and flags, its total length left to be set at the returned index once
   * the reply is written.
   */
  private static int writeHeader(MessageHeader header, OpCode opCode, int flags, ByteBuf out) {
    int start = out.writerIndex();
    out.writeIntLE(0);
    out.writeIntLE(header.getRequestID());
    out.writeIntLE(header.getResponseTo());
    out.writeIntLE(opCode.getId());
    out.writeIntLE(flags);
    return start;
  }

  /**
   * Runs {@code write}; if it fails, closes the connection, as the library's encoders do, so that
   * the client sees an error instead of waiting for a reply that never comes. Unlike them, it does
   * not log the document: rows are personal data.
   */
  private static void closingOnFailure(ChannelHandlerContext ctx, Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      LOG.error("could not encode a reply ({}); closing {}", e.getMessage(), ctx.channel());
      ctx.channel().close();
      throw e;
    }
  }

  /** A document as BSON: stored bytes as they are, anything else as the library encodes it. */
  static void writeDocument(Map<String, ?> document, ByteBuf out) {
    byte[] stored = StoredDocument.bytesOf(document);
    if (stored != null) {
      out.writeBytes(stored);
      return;
    }
    int start = out.writerIndex();
    out.writeIntLE(0); // the length, set below
    for (Map.Entry<String, ?> field : document.entrySet()) {
      writeField(field.getKey(), field.getValue(), out);
    }
    out.writeByte(BsonConstants.TERMINATING_BYTE);
    out.setIntLE(start, out.writerIndex() - start);
  }

  private static void writeField(String name, Object value, ByteBuf out) {
    if (value instanceof Map<?, ?> document) {
      out.writeByte(BsonConstants.TYPE_EMBEDDED_DOCUMENT);
      writeName(name, out);
      @SuppressWarnings("unchecked")
      Map<String, ?> fields = (Map<String, ?>) document;
      writeDocument(fields, out);
    } else if (value instanceof List<?> array) {
      out.writeByte(BsonConstants.TYPE_ARRAY);
      writeName(name, out);
      int start = out.writerIndex();
      out.writeIntLE(0); // the length, set below
      for (int i = 0; i < array.size(); i++) {
        writeField(Integer.toString(i), array.get(i), out);
      }
      out.writeByte(BsonConstants.TERMINATING_BYTE);
      out.setIntLE(start, out.writerIndex() - start);
    } else {
      byte type = BsonEncoder.determineType(value);
      out.writeByte(type);
      writeName(name, out);
      BsonEncoder.encodeValue(type, value, out);
    }
  }

  private static void writeName(String name, ByteBuf out) {
    out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
    out.writeByte(BsonConstants.STRING_TERMINATION);
  }
}
