package codefed.gateway.audit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * A disk that loses power (the idea of LazyFS): file data written but not yet fsynced, and names of
 * files created but not yet made durable by an fsync of their directory, are kept apart from what
 * is durable. At the cut, every later operation fails with an {@link IOException} and what survives
 * is computed: each file whose name is durable, with its durable bytes plus — when tearing — a
 * random prefix of its unsynced operations in order, the last of them cut at a random byte. Files
 * whose names were never made durable disappear.
 */
final class PowerCutDisk implements LogStorage {
  private final Object lock = new Object();
  private final Map<Path, Node> files = new TreeMap<>();
  private final Set<Path> durableNames = new HashSet<>();
  private final Random random;
  private final boolean tear;
  private long operationsLeft = Long.MAX_VALUE;
  private Map<Path, byte[]> survived;
  private int lost;
  private volatile boolean failSyncs;
  private volatile CountDownLatch heldSyncs;

  /** Unsynced changes of one file, in order: a write (bytes) or a truncation (bytes null). */
  private record Change(long position, byte[] bytes) {}

  private static final class Node {
    byte[] durable;
    byte[] current;
    final List<Change> unsynced = new ArrayList<>();

    Node(byte[] content) {
      durable = content.clone();
      current = content.clone();
    }
  }

  /** A disk holding {@code durable} (every name and byte durable). */
  PowerCutDisk(Map<Path, byte[]> durable, Random random, boolean tear) {
    this.random = random;
    this.tear = tear;
    durable.forEach(
        (path, bytes) -> {
          files.put(path, new Node(bytes));
          durableNames.add(path);
        });
  }

  /** Cuts the power at the {@code n}th change from now (write, truncate, create or fsync). */
  void cutAfter(long n) {
    synchronized (lock) {
      operationsLeft = n;
    }
  }

  /** From now on every file fsync fails with an I/O error (a dying disk; the power stays on). */
  void failSyncs() {
    failSyncs = true;
  }

  /**
   * From now on every file fsync waits until {@code release} opens (a hung disk or file server).
   */
  void holdSyncs(CountDownLatch release) {
    heldSyncs = release;
  }

  /** Cuts the power now if it is still on; returns what survived. */
  Map<Path, byte[]> cutNow() {
    synchronized (lock) {
      if (survived == null) {
        cut();
      }
      return survived;
    }
  }

  /** Unsynced changes and undurable names the cut threw away (a torn change counts too). */
  int lost() {
    synchronized (lock) {
      return lost;
    }
  }

  private void cut() {
    Map<Path, byte[]> out = new TreeMap<>();
    lost = files.size() - durableNames.size();
    for (Path name : durableNames) {
      Node node = files.get(name);
      byte[] content = node.durable.clone();
      int applied = 0;
      if (tear && !node.unsynced.isEmpty()) {
        applied = random.nextInt(node.unsynced.size() + 1);
        for (int i = 0; i < applied; i++) {
          Change c = node.unsynced.get(i);
          boolean last = i == applied - 1;
          byte[] bytes =
              c.bytes() == null || !last
                  ? c.bytes()
                  : Arrays.copyOf(c.bytes(), random.nextInt(c.bytes().length + 1));
          content = apply(content, c.position(), bytes);
        }
      }
      lost += node.unsynced.size() - applied;
      out.put(name, content);
    }
    survived = out;
  }

  /** Counts a change; throws once the power is off. Call holding the lock. */
  private void change() throws IOException {
    if (survived == null && --operationsLeft <= 0) {
      cut();
    }
    alive();
  }

  private void alive() throws IOException {
    if (survived != null) {
      throw new IOException("power cut");
    }
  }

  private static byte[] apply(byte[] content, long position, byte[] bytes) {
    if (bytes == null) {
      return Arrays.copyOf(content, (int) Math.min(content.length, position));
    }
    byte[] out = content;
    if (position + bytes.length > content.length) {
      out = Arrays.copyOf(content, (int) position + bytes.length);
    }
    System.arraycopy(bytes, 0, out, (int) position, bytes.length);
    return out;
  }

  @Override
  public FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
    synchronized (lock) {
      alive();
      Node node = files.get(file);
      if (node != null && options.contains(StandardOpenOption.CREATE_NEW)) {
        throw new FileAlreadyExistsException(file.toString());
      }
      if (node == null) {
        if (!options.contains(StandardOpenOption.CREATE)
            && !options.contains(StandardOpenOption.CREATE_NEW)) {
          throw new NoSuchFileException(file.toString());
        }
        change();
        node = new Node(new byte[0]);
        files.put(file, node);
      }
      return new Channel(node);
    }
  }

  @Override
  public void forceDirectory(Path dir) throws IOException {
    synchronized (lock) {
      change();
      for (Path p : files.keySet()) {
        if (dir.equals(p.getParent())) {
          durableNames.add(p);
        }
      }
    }
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    synchronized (lock) {
      alive();
      return files.keySet().stream().filter(p -> dir.equals(p.getParent())).sorted().toList();
    }
  }

  @Override
  public byte[] readAllBytes(Path file) throws IOException {
    synchronized (lock) {
      alive();
      Node node = files.get(file);
      if (node == null) {
        throw new NoSuchFileException(file.toString());
      }
      return node.current.clone();
    }
  }

  @Override
  public boolean exists(Path file) {
    synchronized (lock) {
      return files.containsKey(file);
    }
  }

  /** A channel on one file of the disk: positional and relative reads and writes. */
  private final class Channel extends FileChannel {
    private final Node node;
    private long position;

    Channel(Node node) {
      this.node = node;
    }

    @Override
    public int read(ByteBuffer dst, long at) throws IOException {
      synchronized (lock) {
        alive();
        if (at >= node.current.length) {
          return -1;
        }
        int n = (int) Math.min(dst.remaining(), node.current.length - at);
        dst.put(node.current, (int) at, n);
        return n;
      }
    }

    @Override
    public int write(ByteBuffer src, long at) throws IOException {
      synchronized (lock) {
        change();
        byte[] bytes = new byte[src.remaining()];
        src.get(bytes);
        node.unsynced.add(new Change(at, bytes));
        node.current = apply(node.current, at, bytes);
        return bytes.length;
      }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      int n = read(dst, position);
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int n = write(src, position);
      position += n;
      return n;
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public FileChannel position(long newPosition) {
      position = newPosition;
      return this;
    }

    @Override
    public long size() throws IOException {
      synchronized (lock) {
        alive();
        return node.current.length;
      }
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      synchronized (lock) {
        change();
        if (size < node.current.length) {
          node.unsynced.add(new Change(size, null));
          node.current = Arrays.copyOf(node.current, (int) size);
        }
        position = Math.min(position, size);
        return this;
      }
    }

    @Override
    public void force(boolean metaData) throws IOException {
      CountDownLatch hold = heldSyncs;
      if (hold != null) {
        try {
          hold.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("fsync interrupted");
        }
      }
      if (failSyncs) {
        throw new IOException("Input/output error (fsync)");
      }
      synchronized (lock) {
        change();
        node.durable = node.current.clone();
        node.unsynced.clear();
      }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) {
      throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected void implCloseChannel() {
      // nothing held
    }
  }
}
