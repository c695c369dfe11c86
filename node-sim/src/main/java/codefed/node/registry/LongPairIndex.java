package codefed.node.registry;

import java.util.Arrays;

/**
 * An insert-only open-addressing hash index from a 128-bit key (two longs) to a dense position 0,
 * 1, 2, … in insertion order. Keys live in two primitive arrays, so a million keys cost about 24 MB
 * instead of the ~100 MB of a {@code HashMap<CodeId, …>}.
 *
 * <p>Not thread-safe; {@link InMemoryCodeRegistry} guards it.
 */
final class LongPairIndex {
  private static final float MAX_LOAD = 0.5f;

  private long[] highs;
  private long[] lows;

  /** Hash slots holding position + 1; 0 marks an empty slot. */
  private int[] slots;

  private int size;

  LongPairIndex(int expectedSize) {
    int capacity = Math.max(16, expectedSize);
    highs = new long[capacity];
    lows = new long[capacity];
    slots = new int[tableSizeFor(capacity)];
  }

  int size() {
    return size;
  }

  long high(int position) {
    return highs[position];
  }

  long low(int position) {
    return lows[position];
  }

  /** The position of the key, or -1. */
  int positionOf(long high, long low) {
    int mask = slots.length - 1;
    for (int slot = hash(high, low) & mask; ; slot = (slot + 1) & mask) {
      int entry = slots[slot];
      if (entry == 0) {
        return -1;
      }
      int position = entry - 1;
      if (highs[position] == high && lows[position] == low) {
        return position;
      }
    }
  }

  /** Adds a key that is not present and returns its new position. */
  int add(long high, long low) {
    if (size == highs.length) {
      int grown = Math.max(16, highs.length + (highs.length >> 1));
      highs = Arrays.copyOf(highs, grown);
      lows = Arrays.copyOf(lows, grown);
    }
    if (size + 1 > slots.length * MAX_LOAD) {
      rehash(slots.length * 2);
    }
    int position = size++;
    highs[position] = high;
    lows[position] = low;
    place(position);
    return position;
  }

  /** Capacity of the dense arrays (callers size their parallel columns to match). */
  int capacity() {
    return highs.length;
  }

  private void place(int position) {
    int mask = slots.length - 1;
    int slot = hash(highs[position], lows[position]) & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = position + 1;
  }

  private void rehash(int newLength) {
    slots = new int[newLength];
    for (int position = 0; position < size; position++) {
      place(position);
    }
  }

  private static int tableSizeFor(int expected) {
    int needed = (int) Math.ceil(expected / MAX_LOAD);
    return Integer.highestOneBit(Math.max(needed, 16) - 1) << 1;
  }

  private static int hash(long high, long low) {
    long h = high * 0x9E3779B97F4A7C15L ^ low;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return (int) h;
  }
}
