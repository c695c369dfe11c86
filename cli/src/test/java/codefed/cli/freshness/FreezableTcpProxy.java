package codefed.cli.freshness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay that can make its open connections half-open: after {@link
 * #freezeOpenConnections()} they stop forwarding in both directions without closing (as a dead peer
 * or a middlebox that lost its state would), while connections opened later are relayed normally.
 * TLS runs end to end through it.
 */
final class FreezableTcpProxy implements AutoCloseable {
  /** One relayed connection: both sockets and a switch. */
  private static final class Link {
    final Socket client;
    final Socket upstream;
    final CountDownLatch closed = new CountDownLatch(1);
    volatile boolean frozen;

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }
  }

  private final ServerSocket server;
  private final int targetPort;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean closed;

  FreezableTcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  int accepted() {
    return accepted.get();
  }

  /** Every connection open now stops forwarding (and never resumes); later ones are relayed. */
  void freezeOpenConnections() {
    links.forEach(l -> l.frozen = true);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        Link link = new Link(client, upstream);
        links.add(link);
        accepted.incrementAndGet();
        relay(link, client, upstream, "up");
        relay(link, upstream, client, "down");
      } catch (IOException e) {
        if (!closed) {
          continue; // one failed connection; keep accepting
        }
      }
    }
  }

  private static void relay(Link link, Socket from, Socket to, String direction) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (link.frozen) {
                    // Half-open: hold everything, close nothing. Ends when the test closes the
                    // proxy.
                    link.closed.await();
                    return;
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // the connection or the proxy was closed
              }
            },
            "proxy-" + direction);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Link l : links) {
      l.closed.countDown();
      l.client.close();
      l.upstream.close();
    }
  }
}
