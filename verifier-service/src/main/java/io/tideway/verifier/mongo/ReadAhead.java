package io.tideway.verifier.mongo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads a source's next items on another thread while the caller works on the ones before: a full
 * check asks MongoDB for the next batch while it digests this one, instead of one after the other
 * (the driver's cursor fetches only when asked). At most two chunks wait, so memory stays flat in
 * the file's size. What the source throws is thrown to the caller, after the items read before it.
 */
final class ReadAhead<T> implements Iterator<T>, AutoCloseable {

  private static final Object END = new Object();

  private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(2);
  private final Future<?> reader;
  private volatile boolean closed;
  private Iterator<T> current = Collections.emptyIterator();
  private boolean ended;

  /**
   * Starts reading on {@code threads}: {@code open} runs there, and the iterator it returns is
   * closed there when it is {@link AutoCloseable}.
   */
  ReadAhead(ExecutorService threads, Supplier<? extends Iterator<T>> open, int chunk) {
    this.reader = threads.submit(() -> read(open, chunk));
  }

  private void read(Supplier<? extends Iterator<T>> open, int chunk) {
    List<T> next = new ArrayList<>(chunk);
    Object last = END;
    try {
      Iterator<T> source = open.get();
      try {
        while (source.hasNext()) {
          next.add(source.next());
          if (next.size() == chunk) {
            if (!give(next)) {
              return;
            }
            next = new ArrayList<>(chunk);
          }
        }
      } finally {
        if (source instanceof AutoCloseable c) {
          c.close();
        }
      }
    } catch (Throwable e) {
      last = e;
    }
    if (next.isEmpty() || give(next)) {
      give(last);
    }
  }

  /**
   * Hands a chunk, the end or a failure to the caller; false once the caller has gone (an interrupt
   * may have been swallowed by the source, so the wait checks for that itself).
   */
  private boolean give(Object item) {
    try {
      while (!closed) {
        if (chunks.offer(item, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  @Override
  @SuppressWarnings("unchecked")
  public boolean hasNext() {
    while (!current.hasNext() && !ended) {
      Object next;
      try {
        next = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading documents", e);
      }
      if (next == END) {
        ended = true;
      } else if (next instanceof RuntimeException e) {
        ended = true;
        throw e;
      } else if (next instanceof Error e) {
        ended = true;
        throw e;
      } else if (next instanceof Throwable e) {
        ended = true;
        throw new IllegalStateException(e);
      } else {
        current = ((List<T>) next).iterator();
      }
    }
    return current.hasNext();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }

  /** Stops the reader (which closes its source) when the caller leaves before the end. */
  @Override
  public void close() {
    closed = true;
    reader.cancel(true);
  }
}
