package codefed.merkle;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An append-only array of 32-byte hashes indexed by {@code long}, kept in 1 MiB chunks so that it
 * grows without copying. One thread appends; any thread may read an index below a size that the
 * appender published through a volatile write (see {@link MerkleTree}).
 */
final class HashStore {
  private static final int CHUNK_BITS = 15; // 32768 hashes = 1 MiB per chunk
  private static final int CHUNK_HASHES = 1 << CHUNK_BITS;
  private static final int MAX_CHUNKS = 1 << 20;

  /** Grown by copying (the references only), so a small log costs one chunk, not an 8 MiB table. */
  private volatile AtomicReferenceArray<byte[]> chunks = new AtomicReferenceArray<>(1);

  private long size;

  /** Appends a hash; single writer. */
  void add(byte[] hash) {
    long index = size;
    int chunk = (int) (index >>> CHUNK_BITS);
    if (chunk >= MAX_CHUNKS) {
      throw new IllegalStateException("hash store full: " + index + " hashes");
    }
    AtomicReferenceArray<byte[]> table = chunks;
    if (chunk >= table.length()) {
      AtomicReferenceArray<byte[]> bigger =
          new AtomicReferenceArray<>(Math.min(MAX_CHUNKS, table.length() * 2));
      for (int i = 0; i < table.length(); i++) {
        bigger.set(i, table.get(i));
      }
      chunks = bigger;
      table = bigger;
    }
    byte[] bytes = table.get(chunk);
    if (bytes == null) {
      bytes = new byte[CHUNK_HASHES * MerkleHasher.HASH_SIZE];
      table.set(chunk, bytes);
    }
    System.arraycopy(hash, 0, bytes, offset(index), MerkleHasher.HASH_SIZE);
    size = index + 1;
  }

  byte[] get(long index) {
    byte[] out = new byte[MerkleHasher.HASH_SIZE];
    System.arraycopy(chunks.get((int) (index >>> CHUNK_BITS)), offset(index), out, 0, out.length);
    return out;
  }

  private static int offset(long index) {
    return (int) (index & (CHUNK_HASHES - 1)) * MerkleHasher.HASH_SIZE;
  }
}
