package codefed.pki;

import codefed.signing.KeyFiles;
import codefed.signing.SignatureAlgorithms;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignatureAlgorithm;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The public facts and lifecycle of one issuer key, kept in {@code
 * issuers/<issuer>/<key-id>.properties} beside the key files, so that the trust list can be
 * re-published with every key the issuer ever had until its codes expire.
 *
 * @param retiredAt when the key stopped signing (set on RETIRED keys and kept on revocation)
 * @param compromisedSince REVOKED only: signatures from this instant on are refused
 */
record IssuerKeyRecord(
    String issuer,
    String keyId,
    SignatureAlgorithm algorithm,
    Instant notBefore,
    Instant notAfter,
    KeyStatus status,
    Optional<Instant> retiredAt,
    Optional<Instant> compromisedSince) {
  /** Codes live 14 days (seeds 001, 004); a retired key verifies that long after retirement. */
  static final Duration MAX_CODE_LIFE = Duration.ofDays(14);

  /** Room for clock skew and a code scanned in its last minute. */
  static final Duration RETIRED_MARGIN = Duration.ofDays(1);

  static final String SUFFIX = ".properties";

  IssuerKeyRecord {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(status, "status");
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException(
          "not_after: " + notAfter + " (expected: > not_before " + notBefore + ")");
    }
    if (status == KeyStatus.KEY_STATUS_RETIRED && retiredAt.isEmpty()) {
      throw new IllegalArgumentException("retired_at: missing (expected: set on a RETIRED key)");
    }
  }

  /** A new ACTIVE key. */
  static IssuerKeyRecord active(
      String issuer,
      String keyId,
      SignatureAlgorithm algorithm,
      Instant notBefore,
      Instant notAfter) {
    return new IssuerKeyRecord(
        issuer,
        keyId,
        algorithm,
        notBefore,
        notAfter,
        KeyStatus.KEY_STATUS_ACTIVE,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * This key RETIRED at {@code at}: it verifies what it signed before {@code at}, until its last
   * code can have expired ({@code at} + 14 days + 1 day margin, or its own end if sooner).
   */
  IssuerKeyRecord retire(Instant at) {
    Instant until = at.plus(MAX_CODE_LIFE).plus(RETIRED_MARGIN);
    return new IssuerKeyRecord(
        issuer,
        keyId,
        algorithm,
        notBefore,
        until.isBefore(notAfter) ? until : notAfter,
        KeyStatus.KEY_STATUS_RETIRED,
        Optional.of(at),
        Optional.empty());
  }

  /** This key REVOKED, compromised since {@code since} (the earlier one if already revoked). */
  IssuerKeyRecord revoke(Instant since) {
    Instant earliest = compromisedSince.filter(c -> c.isBefore(since)).orElse(since);
    return new IssuerKeyRecord(
        issuer,
        keyId,
        algorithm,
        notBefore,
        notAfter,
        KeyStatus.KEY_STATUS_REVOKED,
        retiredAt,
        Optional.of(earliest));
  }

  /** Whether the trust list still needs this key at {@code now}: active, or codes still live. */
  boolean listedAt(Instant now) {
    return status == KeyStatus.KEY_STATUS_ACTIVE || now.isBefore(notAfter);
  }

  IssuerKey toProto(Path issuerDir) {
    byte[] spki;
    try {
      spki = KeyFiles.readPublicKey(issuerDir.resolve(keyId + ".pub")).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + issuerDir.resolve(keyId + ".pub"), e);
    }
    IssuerKey.Builder key =
        IssuerKey.newBuilder()
            .setKeyId(keyId)
            .setAlgorithm(algorithm)
            .setPublicKey(ByteString.copyFrom(spki))
            .setNotBefore(timestamp(notBefore))
            .setNotAfter(timestamp(notAfter))
            .setStatus(status);
    retiredAt.ifPresent(t -> key.setRetiredAt(timestamp(t)));
    compromisedSince.ifPresent(t -> key.setCompromisedSince(timestamp(t)));
    return key.build();
  }

  /** Writes {@code <key-id>.properties} in {@code issuerDir} atomically. */
  void write(Path issuerDir) {
    Properties p = new Properties();
    p.setProperty("issuer", issuer);
    p.setProperty("key_id", keyId);
    p.setProperty("algorithm", SignatureAlgorithms.shortName(algorithm));
    p.setProperty("status", status.name().substring("KEY_STATUS_".length()));
    p.setProperty("not_before", notBefore.toString());
    p.setProperty("not_after", notAfter.toString());
    retiredAt.ifPresent(t -> p.setProperty("retired_at", t.toString()));
    compromisedSince.ifPresent(t -> p.setProperty("compromised_since", t.toString()));
    StringWriter text = new StringWriter();
    try {
      p.store(text, "issuer key lifecycle (public facts only)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PemFiles.writePublic(issuerDir.resolve(keyId + SUFFIX), text.toString());
  }

  static IssuerKeyRecord read(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try {
      return new IssuerKeyRecord(
          required(p, "issuer", file),
          required(p, "key_id", file),
          SignatureAlgorithms.parse(required(p, "algorithm", file)),
          Instant.parse(required(p, "not_before", file)),
          Instant.parse(required(p, "not_after", file)),
          KeyStatus.valueOf("KEY_STATUS_" + required(p, "status", file)),
          Optional.ofNullable(p.getProperty("retired_at")).map(Instant::parse),
          Optional.ofNullable(p.getProperty("compromised_since")).map(Instant::parse));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static String required(Properties p, String name, Path file) {
    String value = p.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(file + ": " + name + " missing");
    }
    return value;
  }

  private static Timestamp timestamp(Instant t) {
    return ProtoTime.timestamp(t);
  }
}
