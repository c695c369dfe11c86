package codefed.pki;

import codefed.signing.KeyFiles;
import codefed.signing.SignatureAlgorithms;
import codefed.signing.Signer;
import healthcode.federation.v1.SignatureAlgorithm;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Issuer code-signing keys in a PKI directory: {@code issuers/<issuer>/<key-id>.key} (PKCS#8,
 * 0600), {@code <key-id>.pub} and {@code issuer.properties} naming the active key, its algorithm
 * and validity.
 */
final class IssuerKeys {
  private static final Logger LOG = Logger.getLogger(IssuerKeys.class.getName());
  static final Duration KEY_VALIDITY = Duration.ofDays(3650);

  /** One issuer's active key as recorded in {@code issuer.properties}. */
  record ActiveKey(
      String issuer, String keyId, SignatureAlgorithm algorithm, Instant notBefore, Instant notAfter,
      Path privateKey, Path publicKey) {

    PublicKey readPublicKey() {
      try {
        return KeyFiles.readPublicKey(publicKey);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + publicKey, e);
      }
    }
  }

  private IssuerKeys() {}

  static void ensure(
      PkiLayout layout, List<String> issuers, SignatureAlgorithm algorithm, Instant notBefore,
      boolean force) {
    for (String issuer : issuers) {
      if (!force && Files.exists(layout.issuerDir(issuer).resolve("issuer.properties"))) {
        continue;
      }
      create(layout, issuer, algorithm, notBefore, force);
    }
  }

  private static void create(
      PkiLayout layout, String issuer, SignatureAlgorithm algorithm, Instant notBefore, boolean force) {
    KeyPair kp = SignatureAlgorithms.generateKeyPair(algorithm);
    String keyId = SignatureAlgorithms.keyId(issuer, algorithm, kp.getPublic());
    Path dir = layout.issuerDir(issuer);
    try {
      KeyFiles.writePrivateKey(dir.resolve(keyId + ".key"), kp.getPrivate(), force);
      KeyFiles.writePublicKey(dir.resolve(keyId + ".pub"), kp.getPublic());
      Properties p = new Properties();
      p.setProperty("issuer", issuer);
      p.setProperty("active_key_id", keyId);
      p.setProperty("algorithm", SignatureAlgorithms.shortName(algorithm));
      p.setProperty("not_before", notBefore.toString());
      p.setProperty("not_after", notBefore.plus(KEY_VALIDITY).toString());
      try (Writer w = Files.newBufferedWriter(dir.resolve("issuer.properties"))) {
        p.store(w, "issuer code-signing key (public facts only)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write issuer key for " + issuer, e);
    }
    LOG.info("issuer " + issuer + ": new " + SignatureAlgorithms.shortName(algorithm) + " key " + keyId);
  }

  static ActiveKey active(PkiLayout layout, String issuer) {
    Path dir = layout.issuerDir(issuer);
    Path file = dir.resolve("issuer.properties");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no issuer key for \"" + issuer + "\" in " + layout.root()
              + " (add the issuer with codefed certs init --provinces ...)");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String keyId = p.getProperty("active_key_id");
    return new ActiveKey(
        issuer, keyId, SignatureAlgorithms.parse(p.getProperty("algorithm")),
        Instant.parse(p.getProperty("not_before")), Instant.parse(p.getProperty("not_after")),
        dir.resolve(keyId + ".key"), dir.resolve(keyId + ".pub"));
  }

  /** Every issuer with a key in this PKI, in directory order. */
  static List<String> issuers(PkiLayout layout) {
    Path root = layout.root().resolve("issuers");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (var s = Files.list(root)) {
      return s.filter(d -> Files.exists(d.resolve("issuer.properties")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  static Signer signer(PkiLayout layout, String issuer) {
    ActiveKey k = active(layout, issuer);
    try {
      return Signer.load(k.privateKey(), k.keyId(), k.algorithm());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read issuer key " + k.privateKey(), e);
    }
  }
}
