package codefed.cli.clients;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.drill.Drill;
import codefed.cli.drill.DrillGateway;
import codefed.cli.testing.DebianTools;
import codefed.cli.testing.Repository;
import codefed.node.issuance.IssueOptions;
import codefed.pki.Role;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Python (Debian's C-core grpcio, stubs from Debian's protoc) and Node.js (grpc-js)
 * clients against a real gateway and node over mTLS: Recognize, RecognizeStream, and the audit
 * proofs each client checks itself (checkpoint signature, inclusion, consistency).
 */
class OtherLanguageClientsTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();
  static final Path CLIENTS = Repository.root().resolve("clients");

  /** Debian's grpcio and protobuf, stubs from Debian's protoc, signatures by cryptography. */
  static final String[] PYTHON_PACKAGES = {
    "python3-grpcio",
    "python3-protobuf",
    "python3-cryptography",
    "protobuf-compiler",
    "protobuf-compiler-grpc",
    "libprotobuf-dev"
  };

  @TempDir static Path dir;
  static Drill drill;
  static DrillGateway gateway;
  static Path checkpointBundle;
  static Path auditorBundle;
  static String target;

  @BeforeAll
  static void federation() throws Exception {
    drill =
        Drill.start(
            dir,
            Set.of("140000"),
            Set.of("150000"),
            MARCH_20,
            MARCH_20.minus(Duration.ofDays(60)),
            10);
    gateway = drill.gateway("150000", dir.resolve("audit"));
    checkpointBundle = drill.bundle(Role.CHECKPOINT, Drill.CHECKPOINT).root();
    auditorBundle = drill.bundle(Role.AUDITOR, "auditor-1").root();
    target = "localhost:" + gateway.port();
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (drill != null) {
      drill.close();
    }
  }

  static String newCode() throws Exception {
    return drill
        .node("140000")
        .issue(IssueOptions.builder().issuedAt(MARCH_20.minus(Duration.ofHours(3))).build())
        .qrText();
  }

  @Test
  void python_scanStreamAndProofs() throws Exception {
    DebianTools.requirePackages(PYTHON_PACKAGES);
    Path stubs = dir.resolve("py-stubs");
    run(List.of(CLIENTS.resolve("gen-python-stubs.sh").toString(), stubs.toString()));
    List<String> client =
        List.of(
            "/usr/bin/python3",
            CLIENTS.resolve("python/codefed_client.py").toString(),
            "--target",
            target,
            "--stubs",
            stubs.toString());

    assertThat(
            run(
                List.of(
                    "/usr/bin/python3",
                    CLIENTS.resolve("python/check_merkle_vectors.py").toString(),
                    Repository.root().resolve("testdata/merkle-vectors").toString())))
        .contains("0 disagreements");
    exercise(client);
  }

  /**
   * The node's own Python client checks an answer the node signed in a batch (the default): its RFC
   * 9162 inclusion proof up to the root, then the issuer key's signature over that root.
   */
  @Test
  void python_nodeClient_verifiesABatchSignedAnswer() throws Exception {
    DebianTools.requirePackages(PYTHON_PACKAGES);

    String out =
        run(
            List.of(
                "/usr/bin/python3",
                Repository.root().resolve("node-sim/scripts/python_client.py").toString(),
                "--pki",
                drill.bundle(Role.GATEWAY, "150000").root().toString(),
                "--target",
                "localhost:" + drill.node("140000").port(),
                "--name",
                "150000",
                "--qr",
                newCode()));

    assertThat(out)
        .contains("state        CODE_STATE_ACTIVE")
        .contains("nonce echoed yes")
        .containsPattern("signature    valid \\(\\S+, answer 1 of a batch of 1\\)");
  }

  @Test
  void node_scanStreamAndProofs() throws Exception {
    Path npm = DebianTools.require("npm", "npm");
    run(
        List.of(
            npm.toString(),
            "ci",
            "--no-audit",
            "--no-fund",
            "--prefix",
            CLIENTS.resolve("node").toString()));
    List<String> client =
        List.of("node", CLIENTS.resolve("node/codefed-client.js").toString(), "--target", target);

    assertThat(
            run(
                List.of(
                    "node",
                    CLIENTS.resolve("node/check-merkle-vectors.js").toString(),
                    Repository.root().resolve("testdata/merkle-vectors").toString())))
        .contains("0 disagreements");
    exercise(client);
  }

  /** The same conversation for every client: what a checkpoint and an auditor would do. */
  private static void exercise(List<String> client) throws Exception {
    JsonObject pass =
        json(
            run(
                with(
                    client,
                    "--pki",
                    checkpointBundle.toString(),
                    "scan",
                    "--type",
                    "PUBLIC_PLACE",
                    "--temperature",
                    "36.6",
                    newCode())));
    assertThat(pass.get("outcome").getAsString()).isEqualTo("OUTCOME_PASS");
    assertThat(pass.get("issuer").getAsString()).isEqualTo("140000");
    long sequence = pass.get("audit_sequence").getAsLong();

    Path codes = dir.resolve("codes-" + System.nanoTime() + ".txt");
    Files.writeString(codes, newCode() + "\r\n" + "HCF1:NOT-A-CODE\n" + newCode() + "\n");
    List<JsonObject> answers = new ArrayList<>();
    for (String line :
        run(with(client, "--pki", checkpointBundle.toString(), "stream", codes.toString()))
            .strip()
            .split("\n")) {
      answers.add(json(line));
    }
    assertThat(answers)
        .extracting(a -> a.get("outcome").getAsString())
        .containsExactlyInAnyOrder("OUTCOME_PASS", "OUTCOME_REJECT", "OUTCOME_PASS");

    Path state = dir.resolve("checkpoint-" + System.nanoTime() + ".json");
    // Checkpoints are signed with the gateway's audit-signing key, certified apart from its TLS
    // key.
    String gatewayCert = drill.auditKeyDir(Role.GATEWAY, "150000").resolve("audit.crt").toString();
    JsonObject first =
        auditCovering(
            with(
                client,
                "--pki",
                auditorBundle.toString(),
                "audit",
                "--gateway-cert",
                gatewayCert,
                "--sequence",
                Long.toString(sequence),
                "--previous",
                state.toString()),
            sequence + 1);
    assertThat(first.get("signature").getAsString()).isEqualTo("valid");
    assertThat(first.get("inclusion").getAsString()).isEqualTo("verified");

    long last =
        json(run(with(client, "--pki", checkpointBundle.toString(), "scan", newCode())))
            .get("audit_sequence")
            .getAsLong();
    JsonObject second =
        auditCovering(
            with(
                client,
                "--pki",
                auditorBundle.toString(),
                "audit",
                "--gateway-cert",
                gatewayCert,
                "--previous",
                state.toString()),
            last + 1);
    long before = first.getAsJsonObject("checkpoint").get("tree_size").getAsLong();
    long after = second.getAsJsonObject("checkpoint").get("tree_size").getAsLong();
    assertThat(after).isGreaterThan(before);
    // Each audit run proves consistency with the checkpoint the previous run saved (a retry may
    // have seen an intermediate one), so the chain runs from the first checkpoint to this one.
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("verified (\\d+) -> (\\d+)")
            .matcher(second.get("consistency").getAsString());
    assertThat(m.matches()).as(second.toString()).isTrue();
    assertThat(Long.parseLong(m.group(1))).isBetween(before, after - 1);
    assertThat(Long.parseLong(m.group(2))).isEqualTo(after);

    // Another party's certificate does not verify the gateway's checkpoint: the client says so.
    Result forged =
        exec(
            with(
                client,
                "--pki",
                auditorBundle.toString(),
                "audit",
                "--gateway-cert",
                drill.pki().certificate(Role.NODE, "140000").toString()));
    assertThat(forged.exit).isEqualTo(1);
    assertThat(json(forged.out).get("signature").getAsString()).isEqualTo("INVALID");
  }

  /**
   * Runs the audit command until the gateway's checkpoint covers {@code records} records, moving
   * the gateway's clock past the checkpoint interval before each try (no waiting for real time).
   */
  private static JsonObject auditCovering(List<String> command, long records) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      drill.clock().advance(Duration.ofMinutes(2));
      Result r = exec(command);
      assertThat(r.exit).as(r.out + r.err).isZero();
      JsonObject out = json(r.out);
      if (!out.get("checkpoint").isJsonNull()
          && out.getAsJsonObject("checkpoint").get("tree_size").getAsLong() >= records) {
        return out;
      }
      assertThat(System.nanoTime())
          .as("no checkpoint covered " + records + " records: " + r.out)
          .isLessThan(deadline);
    }
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  private static JsonObject json(String s) {
    return JsonParser.parseString(s.strip()).getAsJsonObject();
  }

  record Result(int exit, String out, String err) {}

  private static String run(List<String> command) throws Exception {
    Result r = exec(command);
    assertThat(r.exit).as(String.join(" ", command) + "\n" + r.out + r.err).isZero();
    return r.out;
  }

  private static Result exec(List<String> command) throws IOException, InterruptedException {
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), out, Files.readString(err));
  }
}
