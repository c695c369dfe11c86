package codefed.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
  @Test
  void named_givesDaemonThreadsOfThatName_notStarted() {
    Thread t = DaemonThreads.named("audit-log-writer").newThread(() -> {});

    assertThat(t.isDaemon()).isTrue();
    assertThat(t.getName()).isEqualTo("audit-log-writer");
    assertThat(t.getState()).isEqualTo(Thread.State.NEW);
  }

  @Test
  void numbered_countsFromOne() {
    ThreadFactory f = DaemonThreads.numbered("node-calls");

    assertThat(f.newThread(() -> {}).getName()).isEqualTo("node-calls-1");
    Thread second = f.newThread(() -> {});
    assertThat(second.getName()).isEqualTo("node-calls-2");
    assertThat(second.isDaemon()).isTrue();
  }
}
