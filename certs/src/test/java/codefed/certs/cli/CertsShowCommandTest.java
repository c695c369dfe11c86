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
        .contains("  140000")
        .contains("  420000")
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
  void certificate_revoked_isReportedWithTheRevocationDate() {
    codefed.pki.PkiDirectory pki = TestPki.create(dir, "140000");
    Path cert = pki.certificate(codefed.pki.Role.CHECKPOINT, "checkpoint-1");
    java.time.Instant at = java.time.Instant.parse("2026-11-02T03:04:05Z");
    new codefed.pki.PkiInitializer(java.time.Clock.fixed(at, java.time.ZoneOffset.UTC))
        .revoke(pki.root(), cert);

    int exit = show(cert.toString(), "--dir", pki.root().toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Revoked:      YES, revoked at 2026-11-02T03:04:05Z (serial in " + pki.crl());
  }

  @Test
  void certificate_notRevoked_saysNoAndWhichCrlWasAsked_evenWithoutDir() {
    codefed.pki.PkiDirectory pki = TestPki.create(dir, "140000");
    new codefed.pki.PkiInitializer(java.time.Clock.systemUTC())
        .revoke(pki.root(), pki.certificate(codefed.pki.Role.CHECKPOINT, "checkpoint-1"));

    int exit = show(pki.certificate(codefed.pki.Role.NODE, "140000").toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Revoked:      no (" + pki.crl() + " of ");
  }

  @Test
  void certificate_withACrlFromAnotherCa_isNotCheckedAndSaysWhy() {
    codefed.pki.PkiDirectory pki = TestPki.create(dir.resolve("a"), "140000");
    codefed.pki.PkiDirectory other = TestPki.create(dir.resolve("b"), "140000");

    int exit =
        show(
            pki.certificate(codefed.pki.Role.NODE, "140000").toString(),
            "--crl",
            other.crl().toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Revoked:      not checked (" + other.crl() + " is not signed by ");
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
