package codefed.trust;

import codefed.signing.SignatureVerificationException;
import codefed.signing.SignatureVerifier;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.SignedCode;
import healthcode.federation.v1.StatusAssertion;
import healthcode.trust.v1.SignedTrustList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The federation's verified trust list: which keys sign for which issuer. Immutable and
 * thread-safe; each key's verifier is built once, at load.
 *
 * <p>Loading refuses a list that is unsigned, signed by anyone but the given CA certificate, badly
 * signed, malformed or stale (at or past next_update). Codes and assertions are then checked in
 * this order: well-formed, known key, key valid at the given instant, signature, and only then are
 * the signed bytes parsed, their issuer compared with the key's owner and their "signed at" instant
 * (a code's issued_at, an assertion's asserted_at) checked against the key's lifecycle: a RETIRED
 * key verifies what it signed before retired_at, a REVOKED one what it signed before
 * compromised_since.
 */
public final class TrustList {
  private final SignedTrustList signed;
  private final healthcode.trust.v1.TrustList content;
  private final Map<String, TrustedKey> keysById;
  private final Map<String, List<IssuerKey>> keysByIssuer;

  private TrustList(
      SignedTrustList signed,
      healthcode.trust.v1.TrustList content,
      Map<String, TrustedKey> keysById) {
    this.signed = signed;
    this.content = content;
    this.keysById = keysById;
    Map<String, List<IssuerKey>> byIssuer = new LinkedHashMap<>();
    content
        .getIssuersList()
        .forEach(i -> byIssuer.put(i.getIssuer(), List.copyOf(i.getKeysList())));
    this.keysByIssuer = Collections.unmodifiableMap(byIssuer);
  }

  /** Reads a serialized {@link SignedTrustList} and verifies it; see {@link #verify}. */
  public static TrustList load(Path signedTrustListFile, X509Certificate ca, Instant now)
      throws TrustListException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(signedTrustListFile);
    } catch (IOException e) {
      throw new TrustListException(
          TrustListException.Problem.UNREADABLE, signedTrustListFile + ": " + e.getMessage(), e);
    }
    SignedTrustList signed;
    try {
      signed = SignedTrustList.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new TrustListException(
          TrustListException.Problem.MALFORMED,
          signedTrustListFile + ": not a SignedTrustList protobuf",
          e);
    }
    return verify(signed, ca, now);
  }

  /**
   * Verifies a signed trust list with the CA certificate's key (ECDSA P-256) over {@link
   * SigningDomain#TRUST_LIST} and the exact list bytes, then checks its content and that {@code
   * now} is before its next_update.
   */
  public static TrustList verify(SignedTrustList signed, X509Certificate ca, Instant now)
      throws TrustListException {
    if (signed.getSignature().isEmpty()) {
      throw new TrustListException(
          TrustListException.Problem.UNSIGNED, "signed_trust_list.signature: missing");
    }
    byte[] fingerprint = fingerprint(ca);
    if (!MessageDigest.isEqual(fingerprint, signed.getSignerFingerprint().toByteArray())) {
      throw new TrustListException(
          TrustListException.Problem.WRONG_SIGNER,
          "signed_trust_list.signer_fingerprint: not the CA certificate "
              + ca.getSubjectX500Principal().getName());
    }
    byte[] listBytes = signed.getTrustList().toByteArray();
    try {
      SignatureVerifier.of(
              SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256, ca.getPublicKey())
          .verify(SigningDomain.TRUST_LIST, listBytes, signed.getSignature().toByteArray());
    } catch (IllegalArgumentException e) {
      throw new TrustListException(
          TrustListException.Problem.WRONG_SIGNER, "ca: not an ECDSA P-256 certificate", e);
    } catch (SignatureVerificationException e) {
      throw new TrustListException(
          TrustListException.Problem.BAD_SIGNATURE,
          "signed_trust_list.signature: " + e.getMessage(),
          e);
    }
    healthcode.trust.v1.TrustList content;
    try {
      content = healthcode.trust.v1.TrustList.parseFrom(listBytes);
    } catch (InvalidProtocolBufferException e) {
      throw new TrustListException(
          TrustListException.Problem.MALFORMED,
          "signed_trust_list.trust_list: not a TrustList protobuf",
          e);
    }
    Map<String, TrustedKey> keys = TrustListContent.validate(content);
    Instant nextUpdate = TrustListContent.toInstant(content.getNextUpdate());
    if (!now.isBefore(nextUpdate)) {
      throw new TrustListException(
          TrustListException.Problem.STALE,
          "trust_list.next_update: " + nextUpdate + " (expected: after now " + now + ")");
    }
    return new TrustList(signed, content, keys);
  }

  /** SHA-256 of the certificate's DER encoding, as in {@code signer_fingerprint}. */
  public static byte[] fingerprint(X509Certificate certificate) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint certificate", e);
    }
  }

  /** The signed list as loaded, e.g. to serve it on. */
  public SignedTrustList signed() {
    return signed;
  }

  public String trustDomain() {
    return content.getTrustDomain();
  }

  public long version() {
    return content.getVersion();
  }

  public Instant issuedAt() {
    return TrustListContent.toInstant(content.getIssuedAt());
  }

  public Instant nextUpdate() {
    return TrustListContent.toInstant(content.getNextUpdate());
  }

  /** Whether the list is past its next_update at {@code now}; a long-running holder reloads. */
  public boolean isStale(Instant now) {
    return !now.isBefore(nextUpdate());
  }

  /** The issuers in list order. */
  public Set<String> issuers() {
    return keysByIssuer.keySet();
  }

  public boolean knowsIssuer(String issuer) {
    return keysByIssuer.containsKey(issuer);
  }

  /** The issuer's keys in list order (empty for an unknown issuer). */
  public List<IssuerKey> keys(String issuer) {
    return keysByIssuer.getOrDefault(issuer, List.of());
  }

  /** The key with this id if it belongs to {@code issuer}. */
  public Optional<IssuerKey> key(String issuer, String keyId) {
    TrustedKey key = keysById.get(keyId);
    return key != null && key.issuer().equals(issuer) ? Optional.of(key.key()) : Optional.empty();
  }

  /**
   * Verifies a signed code at {@code now} (the scan instant, possibly simulated): known key, key
   * valid at {@code now}, signature over {@link SigningDomain#CODE} and the exact payload, then the
   * payload's issuer must own the key and its issued_at must fall before the key's retirement or
   * compromise. Expiry of the code itself is not checked here.
   */
  public VerifiedCode verifyCode(SignedCode code, Instant now) throws CodeRejectedException {
    requirePresent(code.getPayload(), "signed_code.payload");
    requirePresent(code.getSignature(), "signed_code.signature");
    TrustedKey key = knownKey(code.getKeyId(), "signed_code.key_id");
    key.checkUsable(now);
    checkSignature(
        key, SigningDomain.CODE, code.getPayload().toByteArray(), code.getSignature(), null);
    CodePayload payload;
    try {
      payload = CodePayload.parseFrom(code.getPayload());
    } catch (InvalidProtocolBufferException e) {
      throw new CodeRejectedException(
          RejectionReason.MALFORMED, "signed_code.payload: not a CodePayload protobuf", e);
    }
    requireOwner(key, payload.getIssuer(), "code_payload.issuer");
    CodePayloads.check(payload);
    key.checkSignedAt(TrustListContent.toInstant(payload.getIssuedAt()));
    return new VerifiedCode(payload, key.key().getKeyId());
  }

  /**
   * Whether this list would still accept a code it verified before, at {@code now}: the key is
   * still listed for the issuer, valid at {@code now} and its lifecycle admits the code's
   * issued_at. Costs no signature verification (for caches of verified codes).
   */
  public boolean stillAccepts(VerifiedCode code, Instant now) {
    TrustedKey key = keysById.get(code.keyId());
    if (key == null || !key.issuer().equals(code.issuer())) {
      return false;
    }
    try {
      key.checkUsable(now);
      key.checkSignedAt(TrustListContent.toInstant(code.payload().getIssuedAt()));
      return true;
    } catch (CodeRejectedException e) {
      return false;
    }
  }

  /**
   * Verifies a node's signed status assertion at {@code now}: the key must be a valid key of {@code
   * expectedIssuer} (a node answers only for its own province), the signature must verify over
   * {@link SigningDomain#ASSERTION}, and the assertion must name that issuer.
   */
  public StatusAssertion verifyAssertion(
      SignedAssertion assertion, String expectedIssuer, Instant now) throws CodeRejectedException {
    return verifyAssertion(assertion, expectedIssuer, now, null);
  }

  /**
   * Like {@link #verifyAssertion(SignedAssertion, String, Instant)}, reusing {@code verified}'s
   * verdict when these exact signed bytes were verified with the same key before (an auditor's run
   * over a log that holds the same answer many times); every other check runs each time.
   */
  public StatusAssertion verifyAssertion(
      SignedAssertion assertion,
      String expectedIssuer,
      Instant now,
      codefed.signing.VerifiedSignatures verified)
      throws CodeRejectedException {
    requirePresent(assertion.getAssertion(), "signed_assertion.assertion");
    requirePresent(assertion.getSignature(), "signed_assertion.signature");
    if (!knowsIssuer(expectedIssuer)) {
      throw new CodeRejectedException(
          RejectionReason.UNKNOWN_ISSUER, "issuer " + expectedIssuer + " is not in the trust list");
    }
    TrustedKey key = knownKey(assertion.getKeyId(), "signed_assertion.key_id");
    if (!key.issuer().equals(expectedIssuer)) {
      throw new CodeRejectedException(
          RejectionReason.UNKNOWN_KEY,
          "key " + key.key().getKeyId() + " is not a key of issuer " + expectedIssuer);
    }
    key.checkUsable(now);
    if (assertion.hasBatch()) {
      checkSignature(
          key,
          SigningDomain.ASSERTION_BATCH,
          AnswerBatchProofs.root(assertion).signedBytes(),
          assertion.getSignature(),
          verified);
    } else {
      checkSignature(
          key,
          SigningDomain.ASSERTION,
          assertion.getAssertion().toByteArray(),
          assertion.getSignature(),
          verified);
    }
    StatusAssertion parsed;
    try {
      parsed = StatusAssertion.parseFrom(assertion.getAssertion());
    } catch (InvalidProtocolBufferException e) {
      throw new CodeRejectedException(
          RejectionReason.MALFORMED,
          "signed_assertion.assertion: not a StatusAssertion protobuf",
          e);
    }
    requireOwner(key, parsed.getIssuer(), "status_assertion.issuer");
    if (parsed.hasAssertedAt()) {
      key.checkSignedAt(TrustListContent.toInstant(parsed.getAssertedAt()));
    } else if (key.key().getStatus() != KeyStatus.KEY_STATUS_ACTIVE) {
      throw new CodeRejectedException(
          RejectionReason.MALFORMED,
          "status_assertion.asserted_at: missing (expected: set when key "
              + key.key().getKeyId()
              + " is "
              + key.key().getStatus()
              + ")");
    }
    return parsed;
  }

  private TrustedKey knownKey(String keyId, String field) throws CodeRejectedException {
    if (keyId.isEmpty()) {
      throw new CodeRejectedException(RejectionReason.MALFORMED, field + ": missing");
    }
    TrustedKey key = keysById.get(keyId);
    if (key == null) {
      // Key ids start with their issuer (<issuer>-<alg>-<hash>): tell a stranger's code from
      // an unknown key of a member. The id is only a hint here; nothing is trusted from it.
      int dash = keyId.indexOf('-');
      String claimedIssuer = dash > 0 ? keyId.substring(0, dash) : keyId;
      throw new CodeRejectedException(
          knowsIssuer(claimedIssuer) ? RejectionReason.UNKNOWN_KEY : RejectionReason.UNKNOWN_ISSUER,
          field + ": " + keyId + " is not in the trust list");
    }
    return key;
  }

  private void requireOwner(TrustedKey key, String issuer, String field)
      throws CodeRejectedException {
    if (!key.issuer().equals(issuer)) {
      throw new CodeRejectedException(
          knowsIssuer(issuer) ? RejectionReason.UNKNOWN_KEY : RejectionReason.UNKNOWN_ISSUER,
          field
              + ": "
              + issuer
              + " does not own key "
              + key.key().getKeyId()
              + " (owner: "
              + key.issuer()
              + ")");
    }
  }

  private static void checkSignature(
      TrustedKey key,
      SigningDomain domain,
      byte[] message,
      ByteString signature,
      codefed.signing.VerifiedSignatures verified)
      throws CodeRejectedException {
    try {
      if (verified == null) {
        key.verifier().verify(domain, message, signature.toByteArray());
      } else {
        verified.verify(key.verifier(), domain, message, signature.toByteArray());
      }
    } catch (SignatureVerificationException e) {
      throw new CodeRejectedException(
          RejectionReason.BAD_SIGNATURE, "key " + key.key().getKeyId() + ": " + e.getMessage(), e);
    }
  }

  private static void requirePresent(ByteString bytes, String field) throws CodeRejectedException {
    if (bytes.isEmpty()) {
      throw new CodeRejectedException(RejectionReason.MALFORMED, field + ": missing");
    }
  }

  @Override
  public String toString() {
    List<String> ids = new ArrayList<>(keysById.keySet());
    return "TrustList[" + trustDomain() + " v" + version() + ", keys " + ids + "]";
  }
}
