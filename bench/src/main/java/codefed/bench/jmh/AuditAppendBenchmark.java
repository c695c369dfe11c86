package codefed.bench.jmh;

import codefed.bench.audit.DecisionRecords;
import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.AuditUnavailableException;
import codefed.gateway.audit.CheckpointSignatures;
import codefed.signing.Signer;
import healthcode.federation.v1.AuditRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One durable append with nobody to share the fsync with: the latency floor of a decision. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuditAppendBenchmark {
  private AuditLog log;
  private AuditRecord[] records;
  private int next;

  @Setup
  public void setUp() throws IOException {
    records = DecisionRecords.make(1024, 42);
    log =
        AuditLog.open(
            Files.createTempDirectory("codefed-jmh-audit-"),
            AuditLogOptions.defaults(
                "150000", Signer.generate("jmh", CheckpointSignatures.ALGORITHM)));
  }

  @TearDown
  public void tearDown() throws IOException {
    log.close();
  }

  @Benchmark
  public long append() throws AuditUnavailableException {
    next = (next + 1) % records.length;
    return log.append(records[next]);
  }
}
