package codefed.node.registry;

import codefed.node.status.IssuerColor;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Reason;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The simulator's {@link CodeRegistry}: column arrays indexed by a primitive hash index, so a
 * million codes fit in well under 1 GiB of heap (about 130 bytes per code; see the README).
 *
 * <p>Reason sets are bit masks, instants are epoch milliseconds (so stored instants are truncated
 * to the millisecond), masked names are shared through a pool (there are few distinct ones), and
 * the rare proxy declarants, multi-area origins, itinerary visits and colors set by a province's
 * own criteria live in sparse maps.
 */
public final class InMemoryCodeRegistry implements CodeRegistry {
  private static final byte REVOKED = 1;

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final LongPairIndex index;
  private long[] issuedMillis;
  private long[] expiresMillis;
  private byte[] flags;
  private short[] declaredBits;
  private short[] findingBits;

  /** The single numeric origin area, or 0 (none, or see {@link #otherOrigins}). */
  private int[] originArea;

  private String[] maskedNames;
  private String[] maskedIds;
  private final Map<Integer, List<String>> otherOrigins = new HashMap<>();
  private final Map<Integer, List<Visit>> visits = new HashMap<>();
  private final Map<Integer, String> proxyDeclarants = new HashMap<>();
  private final Map<Integer, IssuerColor> issuerColors = new HashMap<>();
  private final Map<String, String> namePool = new HashMap<>();

  /** An empty registry sized for about {@code expectedSize} codes (it grows as needed). */
  public InMemoryCodeRegistry(int expectedSize) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expectedSize: " + expectedSize + " (expected: >= 0)");
    }
    index = new LongPairIndex(expectedSize);
    allocate(index.capacity());
  }

  /** An empty registry. */
  public InMemoryCodeRegistry() {
    this(1024);
  }

  @Override
  public void insert(CodeRecord record) {
    lock.writeLock().lock();
    try {
      CodeId id = record.id();
      if (index.positionOf(id.high(), id.low()) >= 0) {
        throw new IllegalStateException("code " + id + " already exists");
      }
      int position = index.add(id.high(), id.low());
      if (index.capacity() != flags.length) {
        allocate(index.capacity());
      }
      maskedNames[position] = namePool.computeIfAbsent(record.holder().maskedName(), n -> n);
      maskedIds[position] = record.holder().maskedIdNumber();
      if (record.holder().proxyDeclared()) {
        proxyDeclarants.put(position, record.holder().proxyDeclarant());
      }
      issuedMillis[position] = record.issuedAt().toEpochMilli();
      expiresMillis[position] = record.expiresAt().toEpochMilli();
      write(position, record);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<CodeRecord> find(CodeId id) {
    lock.readLock().lock();
    try {
      int position = index.positionOf(id.high(), id.low());
      return position < 0 ? Optional.empty() : Optional.of(read(position));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void replace(CodeRecord record) {
    lock.writeLock().lock();
    try {
      CodeId id = record.id();
      int position = index.positionOf(id.high(), id.low());
      if (position < 0) {
        throw new NoSuchElementException("code " + id + " does not exist");
      }
      write(position, record);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return index.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void forEach(Consumer<CodeRecord> action) {
    int size = size();
    for (int position = 0; position < size; position++) {
      CodeRecord record;
      lock.readLock().lock();
      try {
        record = read(position);
      } finally {
        lock.readLock().unlock();
      }
      action.accept(record);
    }
  }

  /** Mutable parts (the holder and dates of a code never change after issue). */
  private void write(int position, CodeRecord record) {
    flags[position] = record.revoked() ? REVOKED : 0;
    declaredBits[position] = toBits(record.declaredReasons());
    findingBits[position] = toBits(record.findings());
    List<String> origins = record.originAreas();
    int numeric = origins.size() == 1 ? numericArea(origins.get(0)) : 0;
    originArea[position] = numeric;
    if (numeric == 0 && !origins.isEmpty()) {
      otherOrigins.put(position, origins);
    } else {
      otherOrigins.remove(position);
    }
    if (record.visits().isEmpty()) {
      visits.remove(position);
    } else {
      visits.put(position, record.visits());
    }
    if (record.issuerColor().isEmpty()) {
      issuerColors.remove(position);
    } else {
      issuerColors.put(position, record.issuerColor().get());
    }
  }

  private CodeRecord read(int position) {
    byte f = flags[position];
    List<String> origins =
        originArea[position] != 0
            ? List.of(Integer.toString(originArea[position]))
            : otherOrigins.getOrDefault(position, List.of());
    return new CodeRecord(
        new CodeId(index.high(position), index.low(position)),
        new Holder(
            maskedNames[position], maskedIds[position], proxyDeclarants.getOrDefault(position, "")),
        Instant.ofEpochMilli(issuedMillis[position]),
        Instant.ofEpochMilli(expiresMillis[position]),
        (f & REVOKED) != 0 ? CodeState.CODE_STATE_REVOKED : CodeState.CODE_STATE_ACTIVE,
        fromBits(declaredBits[position]),
        fromBits(findingBits[position]),
        origins,
        visits.getOrDefault(position, List.of()),
        Optional.ofNullable(issuerColors.get(position)));
  }

  private void allocate(int capacity) {
    issuedMillis = grow(issuedMillis, capacity);
    expiresMillis = grow(expiresMillis, capacity);
    flags = flags == null ? new byte[capacity] : Arrays.copyOf(flags, capacity);
    declaredBits =
        declaredBits == null ? new short[capacity] : Arrays.copyOf(declaredBits, capacity);
    findingBits = findingBits == null ? new short[capacity] : Arrays.copyOf(findingBits, capacity);
    originArea = originArea == null ? new int[capacity] : Arrays.copyOf(originArea, capacity);
    maskedNames = maskedNames == null ? new String[capacity] : Arrays.copyOf(maskedNames, capacity);
    maskedIds = maskedIds == null ? new String[capacity] : Arrays.copyOf(maskedIds, capacity);
  }

  private static long[] grow(long[] array, int capacity) {
    return array == null ? new long[capacity] : Arrays.copyOf(array, capacity);
  }

  /** A 6-digit area code without a leading zero as an int, else 0. */
  private static int numericArea(String area) {
    if (area.length() != 6 || area.charAt(0) == '0') {
      return 0;
    }
    for (int i = 0; i < 6; i++) {
      if (area.charAt(i) < '0' || area.charAt(i) > '9') {
        return 0;
      }
    }
    return Integer.parseInt(area);
  }

  static short toBits(Set<Reason> reasons) {
    int bits = 0;
    for (Reason reason : reasons) {
      if (reason.getNumber() >= Short.SIZE - 1) {
        throw new IllegalArgumentException("reason: " + reason + " (expected: number < 15)");
      }
      bits |= 1 << reason.getNumber();
    }
    return (short) bits;
  }

  static Set<Reason> fromBits(short bits) {
    if (bits == 0) {
      return Set.of();
    }
    EnumSet<Reason> reasons = EnumSet.noneOf(Reason.class);
    for (Reason reason : Reason.values()) {
      if (reason != Reason.UNRECOGNIZED && (bits & (1 << reason.getNumber())) != 0) {
        reasons.add(reason);
      }
    }
    return reasons;
  }
}
