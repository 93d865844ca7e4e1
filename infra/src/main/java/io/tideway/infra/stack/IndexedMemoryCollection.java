package io.tideway.infra.stack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The in-memory store's collection: each document kept as its BSON bytes, one array, where the
 * library keeps a tree of maps, strings and boxed values (about 60 objects and 3 KB for a reference
 * document). Every stored document lives as long as the store, so the collector copies each one out
 * of the young generation once; as a tree that copy was a young collection of a second or more per
 * 55,000 documents, during which the store answered nothing (docs/BENCHMARKS.md). Reads decode a
 * fresh document, as the library's on-disk backends do, and updates store the updated document
 * again ({@link #handleUpdate}). String equalities are matched by {@link StringEquality}.
 */
final class IndexedMemoryCollection extends AbstractSynchronizedMongoCollection<Integer> {

  /** Stored documents by position; null where one was removed. */
  private final List<byte[]> documents = new ArrayList<>();

  /** Positions freed by removals, reused first in the order they were freed (as the library). */
  private final Queue<Integer> free = new ArrayDeque<>();

  /** Encoding buffer, used under the collection's lock. */
  private final ByteBuf encoding = Unpooled.buffer(1024);

  private long dataSize;

  /** The last query's test: a scan asks the same query of every document it considers. */
  private volatile StringEquality last;

  IndexedMemoryCollection(
      MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
    super(database, name, options, cursors);
  }

  @Override
  protected synchronized Integer addDocumentInternal(Document document) {
    byte[] bytes = ArrivedBytes.take(document);
    if (bytes == null) {
      bytes = encode(document);
    }
    dataSize += bytes.length;
    Integer position = free.poll();
    if (position == null) {
      documents.add(bytes);
      return documents.size() - 1;
    }
    documents.set(position, bytes);
    return position;
  }

  @Override
  protected synchronized Document getDocument(Integer position) {
    byte[] bytes = documents.get(position);
    return bytes == null ? null : decode(bytes);
  }

  @Override
  protected synchronized void removeDocument(Integer position) {
    byte[] removed = documents.set(position, null);
    if (removed != null) {
      dataSize -= removed.length;
      free.add(position);
    }
  }

  /** The library changed the document it read from here; the stored bytes are its old state. */
  @Override
  protected synchronized void handleUpdate(
      Integer position, Document oldDocument, Document newDocument) {
    byte[] bytes = encode(newDocument);
    byte[] replaced = documents.set(position, bytes);
    dataSize += bytes.length - (replaced == null ? 0 : replaced.length);
  }

  @Override
  public synchronized int count() {
    return documents.size() - free.size();
  }

  /** The stored documents' BSON size, kept as they come and go instead of encoding each again. */
  @Override
  protected boolean tracksDataSize() {
    return false;
  }

  @Override
  protected synchronized int getDataSize() {
    return (int) Math.min(Integer.MAX_VALUE, dataSize);
  }

  @Override
  protected void updateDataSize(int sizeDelta) {
    // kept by this class (tracksDataSize is false, so the library never calls this)
  }

  @Override
  protected QueryResult matchDocuments(
      Document query,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    boolean descending = isNaturalDescending(orderBy);
    if (batchedInStoredOrder(orderBy, numberToSkip, limit, batchSize, fieldSelector)) {
      return batched(
          matching(candidates(positions(descending).boxed()::iterator), query), batchSize);
    }
    Stream<Document> all = positions(descending).mapToObj(this::getDocument).filter(d -> d != null);
    return matchDocumentsFromStream(
        all, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
  }

  /**
   * The library's answer, except that a plain batched query decodes a batch at a time, and one the
   * index answers exactly (the verifier's scan of a file) replies with the stored bytes, matching
   * and decoding nothing.
   */
  @Override
  protected QueryResult matchDocuments(
      Document query,
      Iterable<Integer> positions,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    if (batchedInStoredOrder(orderBy, numberToSkip, limit, batchSize, fieldSelector)) {
      List<byte[]> candidates = candidates(positions);
      return batched(
          answeredExactly(query)
              ? candidates.stream().map(StoredDocument::of)
              : matching(candidates, query),
          batchSize);
    }
    return super.matchDocuments(
        query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
  }

  /**
   * Every document, decoded as the stream reaches it: an aggregation over the collection (the
   * driver's {@code countDocuments()}) holds no decoded copy of all of it at once.
   */
  @Override
  public Stream<Document> queryAllAsStream() {
    return handleQueryAsStream(new Document());
  }

  /**
   * What matches {@code query}, through an index that can answer it as the library's query would,
   * each candidate decoded and matched as the stream reaches it (the library collects every match
   * first). The candidates are the stored documents when the stream was made.
   */
  @Override
  public Stream<Document> handleQueryAsStream(Document query) {
    Iterable<Integer> positions = null;
    for (Index<Integer> index : getIndexes()) {
      if (index.canHandle(query)) {
        positions = index.getPositions(query);
        break;
      }
    }
    return matching(
        candidates(positions != null ? positions : positions(false).boxed()::iterator), query);
  }

  /** The candidates that match {@code query}, each decoded and matched as the stream reaches it. */
  private Stream<Document> matching(List<byte[]> candidates, Document query) {
    return candidates.stream().map(IndexedMemoryCollection::decode).filter(d -> matches(d, query));
  }

  /**
   * A query a cursor can answer batch by batch: no sort, skip, limit or projection, and a batch
   * size. The library decodes and holds every match before the first batch: for the verifier's scan
   * of a file of 55,000 documents, 160 MB of short-lived documents at once, all of which a young
   * collection in between promotes.
   */
  private static boolean batchedInStoredOrder(
      Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
    return batchSize > 0
        && deriveComparator(orderBy) == null
        && numberToSkip == 0
        && limit == 0
        && (fieldSelector == null || fieldSelector.isEmpty());
  }

  /** The stored bytes at {@code positions} now, skipping removed ones. */
  private synchronized List<byte[]> candidates(Iterable<Integer> positions) {
    List<byte[]> out = new ArrayList<>();
    for (Integer p : positions) {
      byte[] bytes = documents.get(p);
      if (bytes != null) {
        out.add(bytes);
      }
    }
    return out;
  }

  /** Whether the index serving {@code query} names exactly the documents it matches. */
  private boolean answeredExactly(Document query) {
    FieldIndex<?> index = IndexedAggregate.servingIndex(this, query);
    return index != null && index.answersExactly(query);
  }

  /** The first batch of {@code matches}, and a cursor over the rest. */
  private QueryResult batched(Stream<Document> matches, int batchSize) {
    MatchingCursor cursor =
        new MatchingCursor(cursorRegistry.generateCursorId(), matches.iterator());
    List<Document> first = cursor.takeDocuments(batchSize);
    if (cursor.isEmpty()) {
      return new QueryResult(first);
    }
    cursorRegistry.add(cursor);
    return new QueryResult(first, cursor);
  }

  /**
   * What remains of a query: its matches among the stored bytes of its candidates as they were when
   * it ran, each decoded and matched when a batch asks for it ({@link #matching}).
   */
  private static final class MatchingCursor extends AbstractCursor {

    private final Iterator<Document> matches;

    MatchingCursor(long id, Iterator<Document> matches) {
      super(id);
      this.matches = matches;
    }

    @Override
    public boolean isEmpty() {
      return !matches.hasNext();
    }

    /** Up to {@code numberToReturn} matches (all that remain for 0). */
    @Override
    public List<Document> takeDocuments(int numberToReturn) {
      int wanted = numberToReturn > 0 ? numberToReturn : Integer.MAX_VALUE;
      List<Document> out = new ArrayList<>();
      while (out.size() < wanted && matches.hasNext()) {
        out.add(matches.next());
      }
      return out;
    }
  }

  @Override
  protected Stream<DocumentWithPosition<Integer>> streamAllDocumentsWithPosition() {
    return positions(false)
        .boxed()
        .map(
            p -> {
              Document d = getDocument(p);
              return d == null ? null : new DocumentWithPosition<>(d, p);
            })
        .filter(d -> d != null);
  }

  /** The first position holding an equal document, as the library's in-memory collection finds. */
  @Override
  protected Integer findDocumentPosition(Document document) {
    return positions(false)
        .filter(p -> document.equals(getDocument(p)))
        .boxed()
        .findFirst()
        .orElse(null);
  }

  /** Positions in stored order or its reverse, over the size when asked. */
  private IntStream positions(boolean descending) {
    int size;
    synchronized (this) {
      size = documents.size();
    }
    return descending ? IntStream.range(0, size).map(i -> size - 1 - i) : IntStream.range(0, size);
  }

  /**
   * {@link #documentMatchesQuery} under the collection's lock, as the library matches: its matcher
   * keeps state per match.
   */
  private synchronized boolean matches(Document document, Document query) {
    return documentMatchesQuery(document, query);
  }

  @Override
  protected boolean documentMatchesQuery(Document document, Document query) {
    StringEquality test = last;
    if (test == null || !test.isFor(query)) {
      test = StringEquality.of(query);
      last = test;
    }
    Boolean decided = test.matches(document);
    return decided != null ? decided : super.documentMatchesQuery(document, query);
  }

  private byte[] encode(Document document) {
    encoding.clear();
    BsonEncoder.encodeDocument(document, encoding);
    byte[] bytes = new byte[encoding.readableBytes()];
    encoding.readBytes(bytes);
    return bytes;
  }

  private static Document decode(byte[] bytes) {
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
  }
}
