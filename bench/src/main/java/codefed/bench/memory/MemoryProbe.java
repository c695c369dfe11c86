package codefed.bench.memory;

import codefed.bench.proc.ChildProtocol;
import codefed.node.ProvinceNode;
import codefed.pki.PkiDirectory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Child JVM entry for the memory scenario: heap in use after a full GC, before and after loading N
 * entries, printed as {@code READY <json>}; then it exits. {@code MemoryProbe statuses N} fills the
 * gateway's status cache; {@code MemoryProbe node-codes N PKI_DIR} builds a province node with N
 * synthetic residents.
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  public static void main(String[] args) throws Exception {
    String what = args[0];
    int n = Integer.parseInt(args[1]);
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    Object kept;
    long entries;
    switch (what) {
      case "statuses" -> {
        StatusCacheFiller cache = StatusCacheFiller.create(n);
        cache.fill("140000", n, 42);
        kept = cache;
        entries = cache.size();
      }
      case "node-codes" -> {
        ProvinceNode node =
            ProvinceNode.builder()
                .province("140000")
                .pki(PkiDirectory.open(Path.of(args[2])))
                .port(0)
                .population(n, 42)
                .build();
        kept = node;
        entries = node.codes();
      }
      default ->
          throw new IllegalArgumentException("what: " + what + " (expected: statuses, node-codes)");
    }
    long loadMs = (System.nanoTime() - t0) / 1_000_000;
    long after = usedAfterGc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long retained = after - before;
    ChildProtocol.onStdout()
        .ready(
            String.format(
                Locale.ROOT,
                "{\"entries\":%d,\"retained_bytes\":%d,\"bytes_per_entry\":%.1f,\"heap_used_bytes\":%d,"
                    + "\"heap_committed_bytes\":%d,\"heap_max_bytes\":%d,\"load_ms\":%d,\"top_classes\":[%s]}",
                entries,
                retained,
                (double) retained / Math.max(1, entries),
                after,
                heap.getCommitted(),
                heap.getMax(),
                loadMs,
                topClasses(12)));
    java.lang.ref.Reference.reachabilityFence(kept);
  }

  /**
   * The classes holding most of the heap (what {@code jcmd <pid> GC.class_histogram} prints), as
   * JSON strings "bytes instances class".
   */
  static String topClasses(int rows) throws Exception {
    javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    String text =
        (String)
            server.invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram",
                new Object[] {new String[0]},
                new String[] {String[].class.getName()});
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      // "   1:       1000000       64000000  some.Class (module)"
      if (f.length >= 4 && f[0].endsWith(":") && out.size() < rows) {
        out.add("\"" + f[2] + " B, " + f[1] + " x " + f[3].replace("\"", "") + "\"");
      }
    }
    return String.join(",", out);
  }

  /** Heap in use after full collections (System.gc is a full GC with G1 unless disabled). */
  static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
