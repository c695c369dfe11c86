package codefed.pki;

import codefed.signing.KeyFiles;
import codefed.signing.SignatureAlgorithms;
import codefed.signing.Signer;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignatureAlgorithm;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Issuer code-signing keys in a PKI directory: {@code issuers/<issuer>/<key-id>.key} (PKCS#8,
 * 0600), {@code <key-id>.pub}, {@code <key-id>.properties} with the key's lifecycle ({@link
 * IssuerKeyRecord}) and {@code issuer.properties} naming the active key, its algorithm and validity
 * (the file a node watches).
 */
final class IssuerKeys {
  private static final Logger LOG = Logger.getLogger(IssuerKeys.class.getName());
  static final Duration KEY_VALIDITY = Duration.ofDays(3650);

  /** One issuer's active key as recorded in {@code issuer.properties}. */
  record ActiveKey(
      String issuer,
      String keyId,
      SignatureAlgorithm algorithm,
      Instant notBefore,
      Instant notAfter,
      Path privateKey,
      Path publicKey) {

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
      PkiLayout layout,
      List<String> issuers,
      SignatureAlgorithm algorithm,
      Instant notBefore,
      boolean force) {
    for (String issuer : issuers) {
      if (!force && Files.exists(layout.issuerDir(issuer).resolve("issuer.properties"))) {
        continue;
      }
      create(layout, issuer, algorithm, notBefore, force);
    }
  }

  private static void create(
      PkiLayout layout,
      String issuer,
      SignatureAlgorithm algorithm,
      Instant notBefore,
      boolean force) {
    Path dir = layout.issuerDir(issuer);
    if (force) {
      history(layout, issuer).forEach(r -> deleteRecord(dir, r.keyId())); // starting over
    }
    IssuerKeyRecord key = generate(layout, issuer, algorithm, notBefore, force);
    key.write(dir);
    writeActive(layout, key);
  }

  /**
   * A new key pair of {@code algorithm} for the issuer: the private key (PKCS#8, 0600) and the
   * public key written beside the others; the returned record is ACTIVE and not yet written.
   */
  static IssuerKeyRecord generate(
      PkiLayout layout,
      String issuer,
      SignatureAlgorithm algorithm,
      Instant notBefore,
      boolean force) {
    KeyPair kp = SignatureAlgorithms.generateKeyPair(algorithm);
    String keyId = SignatureAlgorithms.keyId(issuer, algorithm, kp.getPublic());
    Path dir = layout.issuerDir(issuer);
    try {
      KeyFiles.writePrivateKey(dir.resolve(keyId + ".key"), kp.getPrivate(), force);
      KeyFiles.writePublicKey(dir.resolve(keyId + ".pub"), kp.getPublic());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write issuer key for " + issuer, e);
    }
    LOG.info(
        "issuer " + issuer + ": new " + SignatureAlgorithms.shortName(algorithm) + " key " + keyId);
    return IssuerKeyRecord.active(
        issuer, keyId, algorithm, notBefore, notBefore.plus(KEY_VALIDITY));
  }

  /**
   * Names {@code key} as the issuer's signing key in {@code issuer.properties}, replacing the file
   * atomically: a node watching it switches keys when this file changes.
   */
  static void writeActive(PkiLayout layout, IssuerKeyRecord key) {
    Properties p = new Properties();
    p.setProperty("issuer", key.issuer());
    p.setProperty("active_key_id", key.keyId());
    p.setProperty("algorithm", SignatureAlgorithms.shortName(key.algorithm()));
    p.setProperty("not_before", key.notBefore().toString());
    p.setProperty("not_after", key.notAfter().toString());
    StringWriter text = new StringWriter();
    try {
      p.store(text, "issuer code-signing key (public facts only)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PemFiles.writePublic(
        layout.issuerDir(key.issuer()).resolve("issuer.properties"), text.toString());
  }

  /**
   * Every key the issuer has had, oldest first, from the {@code <key-id>.properties} records; a
   * directory written before keys had records holds only its active key.
   */
  static List<IssuerKeyRecord> history(PkiLayout layout, String issuer) {
    Path dir = layout.issuerDir(issuer);
    List<IssuerKeyRecord> records = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (var s = Files.list(dir)) {
        s.filter(
                f ->
                    f.getFileName().toString().endsWith(IssuerKeyRecord.SUFFIX)
                        && !f.getFileName().toString().equals("issuer.properties"))
            .forEach(f -> records.add(IssuerKeyRecord.read(f)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    if (records.isEmpty() && Files.isRegularFile(dir.resolve("issuer.properties"))) {
      ActiveKey a = active(layout, issuer);
      records.add(
          IssuerKeyRecord.active(issuer, a.keyId(), a.algorithm(), a.notBefore(), a.notAfter()));
    }
    // History first, the key in use last.
    records.sort(
        Comparator.comparing((IssuerKeyRecord r) -> r.status() == KeyStatus.KEY_STATUS_ACTIVE)
            .thenComparing(IssuerKeyRecord::notBefore)
            .thenComparing(IssuerKeyRecord::keyId));
    return records;
  }

  private static void deleteRecord(Path dir, String keyId) {
    try {
      Files.deleteIfExists(dir.resolve(keyId + IssuerKeyRecord.SUFFIX));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete " + dir.resolve(keyId + IssuerKeyRecord.SUFFIX), e);
    }
  }

  static ActiveKey active(PkiLayout layout, String issuer) {
    Path dir = layout.issuerDir(issuer);
    Path file = dir.resolve("issuer.properties");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no issuer key for \""
              + issuer
              + "\" in "
              + layout.root()
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
        issuer,
        keyId,
        SignatureAlgorithms.parse(p.getProperty("algorithm")),
        Instant.parse(p.getProperty("not_before")),
        Instant.parse(p.getProperty("not_after")),
        dir.resolve(keyId + ".key"),
        dir.resolve(keyId + ".pub"));
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
