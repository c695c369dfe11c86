package codefed.bench.jmh;

import codefed.bench.memory.StatusCacheFiller;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.StatusAssertion;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A status cache hit (the hot path's node-free step 4) in a cache of 100,000 answers. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheHitBenchmark {
  private static final int ENTRIES = 100_000;
  private StatusCacheFiller cache;
  private ByteString[] ids;
  private int next;

  @Setup
  public void setUp() {
    cache = StatusCacheFiller.create(ENTRIES);
    SplittableRandom random = new SplittableRandom(7);
    ids = new ByteString[ENTRIES];
    Instant now = Instant.now();
    for (int i = 0; i < ENTRIES; i++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      ids[i] = ByteString.copyFrom(id);
      cache.insert("140000", id, now, random);
    }
  }

  @Benchmark
  public StatusAssertion hit() {
    next = (next + 7919) % ENTRIES;
    StatusAssertion a = cache.lookup("140000", ids[next]);
    if (a == null) {
      throw new IllegalStateException("miss");
    }
    return a;
  }
}
