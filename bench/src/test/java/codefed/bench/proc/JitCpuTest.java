package codefed.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JitCpuTest {

  @Test
  void compilerThreads_areRecognizedByTheirTruncatedLinuxNames() {
    assertThat(JitCpu.isCompiler("C2 CompilerThre")).isTrue();
    assertThat(JitCpu.isCompiler("C1 CompilerThre")).isTrue();
    assertThat(JitCpu.isCompiler("GC Thread#0")).isFalse();
    assertThat(JitCpu.isCompiler("grpc-default-ex")).isFalse();
  }

  @Test
  void aProcessThatIsGone_hasUsedNoJitTime() {
    assertThat(JitCpu.of(Long.MAX_VALUE)).isEqualTo(Duration.ZERO);
  }

  @Test
  void thisJvm_hasCompiledSomething_andNoMoreThanItsWholeCpuTime() {
    Duration jit = JitCpu.of(ProcessHandle.current().pid());
    assertThat(jit).isLessThanOrEqualTo(ProcessCpu.of(ProcessHandle.current()).plusMillis(20));
    assertThat(jit).isGreaterThanOrEqualTo(Duration.ZERO);
  }
}
