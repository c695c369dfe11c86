package codefed.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code certs bundle}: each party gets its own files and nobody else's secrets. */
class PkiBundlesTest {
  @TempDir Path dir;

  private record Party(Role role, String name) {
    Path bundle(Path root) {
      return root.resolve("bundles").resolve(role.pathSegment() + "-" + name);
    }
  }

  @Test
  void everyBundle_holdsNoPrivateKeyButItsOwn_readingEveryFileOfEveryBundle() throws Exception {
    PkiDirectory authority = TestPki.create(dir.resolve("pki"), "140000", "150000", "NATIONAL");
    Map<String, Path> authorityKeys =
        privateKeys(authority.root()); // key material -> where it lives
    assertThat(authorityKeys)
        .hasSizeGreaterThan(10)
        .containsValue(authority.root().resolve("ca/ca.key"));
    List<Party> parties = parties(authority.root());
    assertThat(parties).hasSize(3 * 3 + 2);

    for (Party p : parties) {
      Path bundle =
          PkiBundles.write(authority.root(), p.role(), p.name(), p.bundle(dir), Optional.empty())
              .root();
      Set<Path> allowed = new HashSet<>(List.of(authority.privateKey(p.role(), p.name())));
      if (p.role() == Role.NODE) {
        allowed.addAll(filesUnder(authority.root().resolve("issuers").resolve(p.name())));
      }
      if (p.role() == Role.AUDITOR) {
        allowed.add(authority.auditorSealKeyPath()); // auditors open sealed evidence
      }
      if (p.role() == Role.GATEWAY) {
        assertThat(bundle.resolve("sealing/auditors.crt"))
            .as("what the gateway seals evidence to")
            .exists();
      }
      List<Path> files = filesUnder(bundle);
      assertThat(files).as(p.toString()).isNotEmpty();
      for (Path file : files) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, Path> key : authorityKeys.entrySet()) {
          if (needles(key.getValue()).stream().anyMatch(text::contains)) {
            assertThat(allowed)
                .as(file + " in the bundle of " + p + " holds " + key.getValue())
                .contains(key.getValue());
          }
        }
      }
      long keysFound = files.stream().filter(f -> f.toString().endsWith(".key")).count();
      long keysAllowed = allowed.stream().filter(f -> f.toString().endsWith(".key")).count();
      assertThat(keysFound).as("key files in the bundle of " + p).isEqualTo(keysAllowed);
      assertThat(bundle.resolve("ca/ca.key")).doesNotExist();
    }
  }

  @Test
  void bundle_usesThePkiLayout_soAPkiDirectoryOpensIt() {
    PkiDirectory authority = TestPki.create(dir.resolve("pki"), "140000", "150000");

    PkiDirectory node =
        PkiBundles.write(authority.root(), Role.NODE, "140000", dir.resolve("n"), Optional.empty());

    assertThat(node.bundleOwner()).contains(authority.spiffeId(Role.NODE, "140000"));
    assertThat(node.trustDomain()).isEqualTo(authority.trustDomain());
    assertThat(node.certificate(Role.NODE, "140000")).exists();
    assertThat(node.issuerSigner("140000").keyId())
        .isEqualTo(authority.issuerSigner("140000").keyId());
    assertThat(node.issuers()).containsExactly("140000");
    assertThat(node.trustListPath()).hasSameBinaryContentAs(authority.trustListPath());
    assertThat(node.crl()).hasSameBinaryContentAs(authority.crl());
  }

  @Test
  void bundle_missingAnotherPartysFile_namesTheBundleAndTheCommandThatMakesIt() {
    PkiDirectory authority = TestPki.create(dir.resolve("pki"), "140000", "150000");
    PkiDirectory gateway =
        PkiBundles.write(
            authority.root(), Role.GATEWAY, "150000", dir.resolve("g"), Optional.empty());

    assertThatThrownBy(() -> gateway.privateKey(Role.GATEWAY, "140000"))
        .hasMessageContaining("bundle " + gateway.root() + " has no gateway/140000 key")
        .hasMessageContaining("run codefed certs bundle gateway 140000 --dir PKI --out DIR");
    assertThatThrownBy(() -> gateway.issuerSigner("150000"))
        .hasMessageContaining("has no issuer key of 150000")
        .hasMessageContaining("codefed certs bundle node 150000");
  }

  @Test
  void rerun_refreshesCrlTrustListAndCertificate_keepingModes() throws Exception {
    PkiDirectory authority = TestPki.create(dir.resolve("pki"), "140000");
    Path out = dir.resolve("node-140000");
    PkiBundles.write(authority.root(), Role.NODE, "140000", out, Optional.empty());
    PkiInitializer init = new PkiInitializer(Clock.systemUTC());
    init.revoke(authority.root(), authority.certificate(Role.CHECKPOINT, "checkpoint-1"));
    init.issue(authority.root(), Role.NODE, "140000", List.of(), true);
    init.refresh(authority.root());

    PkiDirectory again =
        PkiBundles.write(authority.root(), Role.NODE, "140000", out, Optional.empty());

    assertThat(again.crl()).hasSameBinaryContentAs(authority.crl());
    assertThat(PemFiles.readCrl(again.crl()).getRevokedCertificates()).hasSize(1);
    assertThat(again.trustListPath()).hasSameBinaryContentAs(authority.trustListPath());
    assertThat(again.certificate(Role.NODE, "140000"))
        .hasSameBinaryContentAs(authority.certificate(Role.NODE, "140000"));
    assertThat(again.privateKey(Role.NODE, "140000"))
        .hasSameBinaryContentAs(authority.privateKey(Role.NODE, "140000"));
    assertModes(out);
    try (Stream<Path> s = Files.walk(out)) {
      assertThat(s.filter(f -> f.getFileName().toString().startsWith(".tmp-"))).isEmpty();
    }
  }

  @Test
  void bundle_refusesTheAuthorityDirectory_anotherPartysBundle_andABundleAsSource() {
    PkiDirectory authority = TestPki.create(dir.resolve("pki"), "140000", "150000");
    Path gateway = dir.resolve("g");
    PkiBundles.write(authority.root(), Role.GATEWAY, "150000", gateway, Optional.empty());

    assertThatThrownBy(
            () ->
                PkiBundles.write(
                    authority.root(), Role.NODE, "140000", authority.root(), Optional.empty()))
        .hasMessageContaining("expected: a directory other than --dir");
    assertThatThrownBy(
            () ->
                PkiBundles.write(authority.root(), Role.NODE, "140000", gateway, Optional.empty()))
        .hasMessageContaining(
            "is the bundle of spiffe://test.codefed/gateway/150000, not a bundle of spiffe://test.codefed/node/140000");
    assertThatThrownBy(
            () ->
                PkiBundles.write(
                    gateway, Role.GATEWAY, "150000", dir.resolve("x"), Optional.empty()))
        .hasMessageContaining("bundles are made from the authority's PKI directory");
    assertThatThrownBy(() -> new PkiInitializer(Clock.systemUTC()).refresh(gateway))
        .hasMessageContaining("use the authority's PKI directory");
    assertThat(gateway.resolve("node")).doesNotExist();
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void checkpointBundle_remembersItsJurisdictionAcrossRefreshes_andOnlyCheckpointsHaveOne() {
    PkiDirectory authority = TestPki.create(dir.resolve("pki"), "140000", "150000");
    Path out = dir.resolve("c");

    PkiBundles.write(authority.root(), Role.CHECKPOINT, "checkpoint-1", out, Optional.of("150000"));
    PkiDirectory refreshed =
        PkiBundles.write(authority.root(), Role.CHECKPOINT, "checkpoint-1", out, Optional.empty());

    assertThat(refreshed.boundJurisdiction()).contains("150000");
    assertThatThrownBy(
            () ->
                PkiBundles.write(
                    authority.root(), Role.NODE, "140000", dir.resolve("n"), Optional.of("150000")))
        .hasMessageContaining("--jurisdiction: only a checkpoint is bound to a gateway");
    assertThatThrownBy(
            () ->
                PkiBundles.write(
                    authority.root(),
                    Role.CHECKPOINT,
                    "checkpoint-1",
                    dir.resolve("c2"),
                    Optional.of("530000")))
        .hasMessageContaining("--jurisdiction: 530000 has no gateway in ")
        .hasMessageContaining("(expected: gateway/530000 or gateway/530000-<member>");
    assertThat(dir.resolve("c2")).doesNotExist();
  }

  @Test
  void checkpointBundle_jurisdictionServedOnlyByAFleet_isBound_butALookAlikeNameIsNot() {
    PkiDirectory authority = TestPki.create(dir.resolve("pki"), "140000");
    PkiInitializer issuer = new PkiInitializer(Clock.systemUTC());
    issuer.issue(authority.root(), Role.GATEWAY, "1500001", List.of(), false);
    assertThatThrownBy(
            () ->
                PkiBundles.write(
                    authority.root(),
                    Role.CHECKPOINT,
                    "checkpoint-1",
                    dir.resolve("c0"),
                    Optional.of("150000")))
        .hasMessageContaining("--jurisdiction: 150000 has no gateway");

    issuer.issue(authority.root(), Role.GATEWAY, "150000-a", List.of(), false);
    PkiDirectory bundle =
        PkiBundles.write(
            authority.root(),
            Role.CHECKPOINT,
            "checkpoint-1",
            dir.resolve("c"),
            Optional.of("150000"));

    assertThat(bundle.boundJurisdiction()).contains("150000");
  }

  static void assertModes(Path root) throws IOException {
    for (Path f : filesUnder(root)) {
      String expected = f.toString().endsWith(".key") ? "rw-------" : "rw-r--r--";
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .as(f.toString())
          .isEqualTo(expected);
    }
  }

  private static List<Party> parties(Path authority) throws IOException {
    List<Party> parties = new ArrayList<>();
    for (Role role : Role.values()) {
      for (Path cert : filesUnder(authority.resolve(role.pathSegment()))) {
        String file = cert.getFileName().toString();
        if (file.endsWith(".crt")) {
          parties.add(new Party(role, file.substring(0, file.length() - ".crt".length())));
        }
      }
    }
    return parties;
  }

  /**
   * Every private key under {@code root} (PKCS#8 PEM in {@code *.key} files, the PKI's layout),
   * keyed by its PEM text, so a copy anywhere is found.
   */
  private static Map<String, Path> privateKeys(Path root) throws IOException {
    Map<String, Path> keys = new HashMap<>();
    for (Path f : filesUnder(root)) {
      if (f.getFileName().toString().endsWith(".key")) {
        keys.put(Files.readString(f, StandardCharsets.ISO_8859_1).trim(), f);
      }
    }
    return keys;
  }

  /**
   * A key as PEM text, as one unwrapped base64 line and as raw DER: found in any of these forms.
   */
  private static List<String> needles(Path pem) throws IOException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(body);
    return List.of(text.trim(), body, new String(der, StandardCharsets.ISO_8859_1));
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
