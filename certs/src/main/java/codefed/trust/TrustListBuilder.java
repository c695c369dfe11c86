package codefed.trust;

import codefed.code.Issuers;
import codefed.signing.SignatureAlgorithms;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.trust.v1.SignedTrustList;
import healthcode.trust.v1.TrustedIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds a trust list (issuer → keys) and signs it with the federation CA's key. Not thread-safe;
 * use one builder per list.
 */
public final class TrustListBuilder {
  private final String trustDomain;
  private long version = 1;
  private Instant issuedAt;
  private Instant nextUpdate;
  private final Map<String, List<IssuerKey>> issuers = new LinkedHashMap<>();

  private TrustListBuilder(String trustDomain) {
    this.trustDomain = Objects.requireNonNull(trustDomain, "trustDomain");
  }

  /** A builder for an empty list of {@code trustDomain}, version 1. */
  public static TrustListBuilder create(String trustDomain) {
    return new TrustListBuilder(trustDomain);
  }

  /** A builder holding the issuers and keys of {@code list} with the next version number. */
  public static TrustListBuilder from(TrustList list) {
    TrustListBuilder builder = create(list.trustDomain()).version(list.version() + 1);
    for (String issuer : list.issuers()) {
      builder.addIssuer(issuer);
      list.keys(issuer).forEach(key -> builder.addKey(issuer, key));
    }
    return builder;
  }

  public TrustListBuilder version(long version) {
    this.version = version;
    return this;
  }

  public TrustListBuilder issuedAt(Instant issuedAt) {
    this.issuedAt = issuedAt;
    return this;
  }

  /** After this instant verifiers refuse the list as stale. */
  public TrustListBuilder nextUpdate(Instant nextUpdate) {
    this.nextUpdate = nextUpdate;
    return this;
  }

  /** Lists an issuer, even with no key yet. */
  public TrustListBuilder addIssuer(String issuer) {
    issuers.computeIfAbsent(Objects.requireNonNull(issuer, "issuer"), i -> new ArrayList<>());
    return this;
  }

  /** Adds a key to an issuer as it stands. */
  public TrustListBuilder addKey(String issuer, IssuerKey key) {
    addIssuer(issuer);
    issuers.get(issuer).add(key);
    return this;
  }

  /**
   * Adds a key to an issuer; its id is derived from the public key ({@link
   * SignatureAlgorithms#keyId}).
   */
  public TrustListBuilder addKey(
      String issuer,
      SignatureAlgorithm algorithm,
      PublicKey publicKey,
      Instant notBefore,
      Instant notAfter,
      KeyStatus status) {
    byte[] spki = publicKey.getEncoded();
    return addKey(
        issuer,
        IssuerKey.newBuilder()
            .setKeyId(SignatureAlgorithms.keyId(issuer, algorithm, spki))
            .setAlgorithm(algorithm)
            .setPublicKey(ByteString.copyFrom(spki))
            .setNotBefore(TrustListContent.toTimestamp(notBefore))
            .setNotAfter(TrustListContent.toTimestamp(notAfter))
            .setStatus(status)
            .build());
  }

  /**
   * The unsigned list.
   *
   * @throws IllegalArgumentException naming the field if the list would be refused on load
   */
  public healthcode.trust.v1.TrustList build() {
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(nextUpdate, "nextUpdate");
    healthcode.trust.v1.TrustList.Builder list =
        healthcode.trust.v1.TrustList.newBuilder()
            .setTrustDomain(trustDomain)
            .setVersion(version)
            .setIssuedAt(TrustListContent.toTimestamp(issuedAt))
            .setNextUpdate(TrustListContent.toTimestamp(nextUpdate));
    issuers.forEach(
        (issuer, keys) ->
            list.addIssuers(
                TrustedIssuer.newBuilder()
                    .setIssuer(issuer)
                    .setName(Issuers.isKnown(issuer) ? Issuers.name(issuer) : issuer)
                    .addAllKeys(keys)));
    healthcode.trust.v1.TrustList built = list.build();
    try {
      TrustListContent.validate(built);
    } catch (TrustListException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return built;
  }

  /**
   * Builds the list and signs it with the CA key (ECDSA P-256) over {@link
   * SigningDomain#TRUST_LIST} and the exact list bytes.
   */
  public SignedTrustList sign(PrivateKey caKey, X509Certificate caCertificate) {
    byte[] listBytes = build().toByteArray();
    Signer ca =
        Signer.of(
            "federation-ca",
            SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256,
            caKey,
            caCertificate.getPublicKey());
    return SignedTrustList.newBuilder()
        .setTrustList(ByteString.copyFrom(listBytes))
        .setSignature(ByteString.copyFrom(ca.sign(SigningDomain.TRUST_LIST, listBytes)))
        .setSignerFingerprint(ByteString.copyFrom(TrustList.fingerprint(caCertificate)))
        .build();
  }

  /** Signs the list and writes it to {@code file}; see {@link #write}. */
  public SignedTrustList writeTo(Path file, PrivateKey caKey, X509Certificate caCertificate)
      throws IOException {
    SignedTrustList signed = sign(caKey, caCertificate);
    write(signed, file);
    return signed;
  }

  /**
   * Writes a signed list (serialized protobuf), replacing {@code file} atomically so a reader never
   * sees half a list.
   */
  public static void write(SignedTrustList signed, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.write(tmp, signed.toByteArray());
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
