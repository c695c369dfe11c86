package codefed.node.registry;

import codefed.node.population.PopulationGenerator;
import codefed.node.population.Resident;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.IdType;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Measures the heap an {@link InMemoryCodeRegistry} of N synthetic codes retains. Not a test (never
 * run by the build); run it by hand:
 *
 * <pre>
 * mvn -q -B test-compile -pl node-sim -am
 * cd node-sim &amp;&amp; mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/cp.txt)" \
 *   codefed.node.registry.RegistryMemoryMeasurement 1000000
 * </pre>
 */
public final class RegistryMemoryMeasurement {
  private RegistryMemoryMeasurement() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Instant reference = Instant.parse("2020-03-20T01:00:00Z");
    long before = usedAfterGc();
    InMemoryCodeRegistry registry = new InMemoryCodeRegistry();
    PopulationGenerator generator = new PopulationGenerator("140000", 42);
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Resident r = generator.resident(i, reference);
      Instant issued = reference.minus(r.issuedAgo());
      registry.insert(
          new CodeRecord(
              r.codeId(),
              holder(r),
              issued,
              issued.plus(Duration.ofDays(14)),
              CodeState.CODE_STATE_ACTIVE,
              Set.of(),
              r.findings(),
              r.declaration().hasTravel()
                      && !r.declaration().getTravel().getOriginAreaCode().isEmpty()
                  ? List.of(r.declaration().getTravel().getOriginAreaCode())
                  : List.of(),
              List.of()));
    }
    long loadMillis = (System.nanoTime() - start) / 1_000_000;
    long after = usedAfterGc();
    long bytes = after - before;
    System.out.printf(
        "codes=%d retained=%.1f MiB (%.0f bytes/code) load=%d ms max-heap=%d MiB%n",
        registry.size(),
        bytes / 1048576.0,
        (double) bytes / n,
        loadMillis,
        Runtime.getRuntime().maxMemory() / 1048576);
  }

  /** Masked the way the node masks (first and last characters kept). */
  private static Holder holder(Resident r) {
    String name = r.declaration().getName();
    String id = r.declaration().getIdNumber();
    String maskedId =
        r.declaration().getIdType() == IdType.ID_TYPE_RESIDENT_ID
            ? id.substring(0, 4) + "**********" + id.substring(14)
            : id.substring(0, 2) + "*".repeat(id.length() - 4) + id.substring(id.length() - 2);
    return new Holder(
        name.charAt(0) + "*".repeat(name.length() - 1),
        maskedId,
        r.declaration().hasProxy() ? "李* (孙子)" : "");
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
