package codefed.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.pki.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CertsShowCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int show(String... args) {
    CommandLine cmd = new CommandLine(new CertsShowCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  @Test
  void trustList_showsTheVerifiedSignature_andEachIssuersKeys() {
    TestPki.create(dir, "140000", "420000");

    int exit = show(dir.resolve("trust-list.pb").toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("Trust domain: " + TestPki.TRUST_DOMAIN)
        .containsPattern("Signature: +verified with CN=")
        .contains("  140000").contains("  420000")
        .containsPattern("140000-ed25519-[0-9a-f]+ +ED25519 +ACTIVE");
  }

  @Test
  void trustList_withAFlippedByte_isShownAsNotValid() throws Exception {
    TestPki.create(dir, "140000");
    Path list = dir.resolve("trust-list.pb");
    byte[] bytes = Files.readAllBytes(list);
    bytes[bytes.length - 1] ^= 1; // in signer_fingerprint, the last field
    Path tampered = dir.resolve("tampered.pb");
    Files.write(tampered, bytes);

    int exit = show("--ca", dir.resolve("ca/ca.crt").toString(), tampered.toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Signature:    NOT VALID: ").contains("  140000");
  }

  @Test
  void somethingElse_isRefusedWithTheFileNamed() throws Exception {
    Path junk = dir.resolve("junk.bin");
    Files.write(junk, new byte[] {(byte) 0xff, 0x01, 0x02});

    int exit = show(junk.toString());

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("junk.bin: not a certificate, CRL or signed trust list");
  }
}
