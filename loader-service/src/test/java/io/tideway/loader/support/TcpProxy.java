package io.tideway.loader.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of MongoDB, to simulate an outage: {@link #stop()} closes the listener
 * and every connection, {@link #start()} listens again on the SAME port. The server behind it (and
 * its data) is untouched, which mongo-java-server cannot do itself (its shutdown clears the
 * backend).
 */
public final class TcpProxy implements AutoCloseable {

  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;
  private volatile boolean held;
  private int port;

  public TcpProxy(int targetPort) {
    this.targetPort = targetPort;
  }

  public synchronized TcpProxy start() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    port = s.getLocalPort();
    listener = s;
    Thread accept = new Thread(() -> acceptLoop(s), "proxy-accept");
    accept.setDaemon(true);
    accept.start();
    return this;
  }

  public int port() {
    return port;
  }

  /**
   * Holds every byte in both directions with the connections left open, as a frozen server would: a
   * request sent now waits for its answer until {@link #stop()}.
   */
  public void hold() {
    held = true;
  }

  /** Lets the held bytes through, the connections intact: a frozen server that thaws. */
  public void release() {
    synchronized (sockets) {
      held = false;
      sockets.notifyAll();
    }
  }

  public synchronized void stop() {
    release();
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    sockets.clear();
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  awaitRelease();
                  out.write(buffer, 0, n);
                }
              } catch (IOException ignored) {
                // the other side closed
              } finally {
                try {
                  from.close();
                  to.close();
                } catch (IOException ignored) {
                  // already closed
                }
              }
            },
            "proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  private void awaitRelease() {
    synchronized (sockets) {
      while (held) {
        try {
          sockets.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
