package codefed.cli.proto;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.testing.DebianTools;
import codefed.cli.testing.Repository;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .proto files pass {@code buf lint} (proto/buf.yaml) and {@code buf breaking} against the
 * first release's descriptors (proto/buf/v1-release.binpb), with the pinned buf CLI from npm
 * (proto/buf/package.json). The only differences breaking may report are the four file formats that
 * left healthcode.federation.v1 on purpose; ReleaseCompatibilityTest (proto module) checks that
 * their messages kept every field under their new package.
 */
class ProtoLintAndBreakingTest {
  static final Path PROTO = Repository.root().resolve("proto");
  static final List<String> MOVED_FILE_FORMATS =
      Stream.of("gateway_config", "policy", "trust", "witness")
          .map(
              f ->
                  "FILE_NO_DELETE: Previously present file \"healthcode/federation/v1/"
                      + f
                      + ".proto\" was deleted.")
          .toList();

  @TempDir static Path dir;
  static Path buf;

  @BeforeAll
  static void installBuf() throws Exception {
    Path npm = DebianTools.require("npm", "npm");
    assertThat(
            run(
                    PROTO,
                    npm.toString(),
                    "ci",
                    "--no-audit",
                    "--no-fund",
                    "--prefix",
                    PROTO.resolve("buf").toString())
                .exit)
        .isZero();
    buf = PROTO.resolve("buf/node_modules/.bin/buf");
  }

  @Test
  void lint_theProtoFiles_findsNothing() throws Exception {
    Result lint = run(PROTO, buf.toString(), "lint", "--error-format=json");

    assertThat(lint.out + lint.err).isEmpty();
    assertThat(lint.exit).isZero();
  }

  @Test
  void breaking_againstTheFirstRelease_reportsOnlyTheFileFormatsThatMoved() throws Exception {
    Result breaking =
        run(
            PROTO,
            buf.toString(),
            "breaking",
            "--against",
            "buf/v1-release.binpb",
            "--error-format=json");

    assertThat(annotations(breaking.out))
        .as(breaking.err)
        .containsExactlyInAnyOrderElementsOf(MOVED_FILE_FORMATS);
  }

  @Test
  void lintAndBreaking_aChangedFieldTypeAnRemovedRpcAndABadEnum_areEachReported() throws Exception {
    Path copy = dir.resolve("proto");
    copyTree(PROTO.resolve("src"), copy.resolve("src"));
    Files.copy(PROTO.resolve("buf.yaml"), copy.resolve("buf.yaml"));
    Path recognition = copy.resolve("src/main/proto/healthcode/federation/v1/recognition.proto");
    String text = Files.readString(recognition);
    Files.writeString(
        recognition,
        text.replace("  bool proxy_declared = 7;", "  int32 proxy_declared = 7;")
                .replaceFirst("  rpc RecordManualVerification\\(.*\\);", "")
            + "\n// Badly named.\nenum Mark {\n  MARK_NONE = 0;\n}\n");

    List<String> broken =
        annotations(
            run(
                    copy,
                    buf.toString(),
                    "breaking",
                    "--against",
                    PROTO.resolve("buf/v1-release.binpb").toString(),
                    "--error-format=json")
                .out);
    List<String> lint = annotations(run(copy, buf.toString(), "lint", "--error-format=json").out);

    assertThat(broken)
        .containsAll(MOVED_FILE_FORMATS)
        .anyMatch(a -> a.startsWith("FIELD_SAME_TYPE:") && a.contains("proxy_declared"))
        .anyMatch(a -> a.startsWith("RPC_NO_DELETE:") && a.contains("RecordManualVerification"))
        .hasSize(MOVED_FILE_FORMATS.size() + 2);
    assertThat(lint)
        .anyMatch(a -> a.startsWith("ENUM_ZERO_VALUE_SUFFIX:") && a.contains("MARK_NONE"));
    assertThat(
            Files.readString(
                PROTO.resolve("src/main/proto/healthcode/federation/v1/recognition.proto")))
        .as("the repository's own files are untouched")
        .isNotEqualTo(Files.readString(recognition));
  }

  /** "TYPE: message" for each JSON line buf printed. */
  private static List<String> annotations(String jsonLines) {
    List<String> out = new ArrayList<>();
    for (String line : jsonLines.split("\n")) {
      if (!line.isBlank()) {
        JsonObject a = JsonParser.parseString(line).getAsJsonObject();
        out.add(a.get("type").getAsString() + ": " + a.get("message").getAsString());
      }
    }
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  record Result(int exit, String out, String err) {}

  private static Result run(Path cwd, String... command) throws IOException, InterruptedException {
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), out, Files.readString(err));
  }
}
