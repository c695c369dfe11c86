package codefed.cli.clients;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.drill.Drill;
import codefed.cli.testing.DebianTools;
import codefed.cli.testing.Repository;
import codefed.node.assertion.SignBatching;
import codefed.node.issuance.IssueOptions;
import codefed.pki.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's Python client (Debian's grpcio, over mTLS) checks an answer the node signed in a
 * batch: its RFC 9162 inclusion proof up to the root, then the issuer key's signature over that
 * root, in another language than the node's.
 */
class PythonNodeClientBatchTest {
  @TempDir Path dir;

  @Test
  void pythonClient_verifiesABatchSignedAnswer() throws Exception {
    DebianTools.requirePackages(
        "python3-grpcio",
        "python3-protobuf",
        "python3-cryptography",
        "protobuf-compiler",
        "protobuf-compiler-grpc",
        "libprotobuf-dev");
    try (Drill drill =
        Drill.start(
            dir,
            Set.of("140000"),
            Set.of("150000"),
            OtherLanguageClientsTest.MARCH_20,
            OtherLanguageClientsTest.MARCH_20.minus(Duration.ofDays(60)),
            10,
            SignBatching.window(Duration.ofMillis(1)))) {
      String qr =
          drill
              .node("140000")
              .issue(
                  IssueOptions.builder()
                      .issuedAt(OtherLanguageClientsTest.MARCH_20.minus(Duration.ofHours(3)))
                      .build())
              .qrText();
      Path bundle = drill.bundle(Role.GATEWAY, "150000").root();

      String out =
          run(
              List.of(
                  "/usr/bin/python3",
                  Repository.root().resolve("node-sim/scripts/python_client.py").toString(),
                  "--pki",
                  bundle.toString(),
                  "--target",
                  "localhost:" + drill.node("140000").port(),
                  "--name",
                  "150000",
                  "--qr",
                  qr));

      assertThat(out)
          .contains("state        CODE_STATE_ACTIVE")
          .contains("nonce echoed yes")
          .containsPattern("signature    valid \\(\\S+, answer 1 of a batch of 1\\)");
    }
  }

  private String run(List<String> command) throws Exception {
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    assertThat(p.exitValue()).as(out + Files.readString(err)).isZero();
    return out;
  }
}
