package codefed.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {
  private static final List<String> LOG =
      List.of(
          "[1796015354253ms] Using Parallel",
          "[1796015355006ms] GC(0) Pause Young (Allocation Failure) 16M->4M(61M) 15.073ms",
          "[1796015355194ms] GC(3) Pause Full (Ergonomics) 46M->4M(60M) 25.136ms",
          "[1796015355210ms] GC(6) Pause Young (Allocation Failure) 16M->16M(56M) 2.816ms",
          "[1796015356334ms] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 29M->16M(64M) 23.251ms",
          "[1796015356400ms] GC(4) Concurrent Mark Cycle 12.000ms");

  @Test
  void parse_readsEachPause_withItsEndDurationAndKind() {
    List<GcLog.Pause> pauses = GcLog.parse(LOG);

    assertThat(pauses)
        .containsExactly(
            new GcLog.Pause(1796015355006L, 15.073, false),
            new GcLog.Pause(1796015355194L, 25.136, true),
            new GcLog.Pause(1796015355210L, 2.816, false),
            new GcLog.Pause(1796015356334L, 23.251, false));
  }

  @Test
  void summary_countsOnlyPausesThatOverlapTheWindow() {
    List<GcLog.Pause> pauses = GcLog.parse(LOG);

    // From 1 ms after the first pause ended to 5 ms into the G1 pause (it started 24 ms earlier).
    Map<String, Object> m = GcLog.summary(pauses, 1796015355007L, 1796015356315L);

    assertThat(m)
        .containsEntry("pauses", 3)
        .containsEntry("longest_ms", 25.1)
        .containsEntry("total_ms", 51.2)
        .containsEntry("full", 1);
    assertThat(GcLog.summary(pauses, 1796015356335L, 1796015357000L))
        .containsEntry("pauses", 0)
        .containsEntry("longest_ms", 0.0);
  }

  @Test
  void option_isRefusedForPathsThatXlogCannotTake(@TempDir Path dir) {
    assertThat(GcLog.option(dir.resolve("gateway-gc-%p.log")))
        .hasValueSatisfying(
            o -> assertThat(o).startsWith("-Xlog:gc:file=").contains(":timemillis"));
    assertThat(GcLog.option(dir.resolve("a:b.log"))).isEmpty();
    assertThat(GcLog.option(dir.resolve("a,b.log"))).isEmpty();
  }

  @Test
  void read_ofAMissingFile_isNoPauses(@TempDir Path dir) throws Exception {
    assertThat(GcLog.read(dir.resolve("none.log"))).isEmpty();
    Path f = dir.resolve("g.log");
    Files.write(f, LOG);
    assertThat(GcLog.read(f)).hasSize(4);
  }
}
