package codefed.gateway.recognition;

import codefed.gateway.testing.SharedPki;
import codefed.pki.PemFiles;
import codefed.pki.PkiDirectory;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.trust.CodeRejectedException;
import codefed.trust.TrustList;
import codefed.trust.TrustListException;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.SignedCode;
import healthcode.trust.v1.SignedTrustList;
import healthcode.trust.v1.TrustedIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the trust-list parser a gateway and an auditor load at start: {@link TrustList#load} over
 * raw file bytes, and {@link TrustList#verify} over lists whose content the input shapes and the
 * harness signs with the test federation CA, so that mutations reach the content checks behind the
 * signature (issuers, key ids, algorithms, public keys, validity, statuses) and, for a list that
 * loads, code and assertion checks against its keys. The only exceptions are {@link
 * TrustListException} and {@link CodeRejectedException}.
 */
class TrustListFuzzTest {
  static final Instant NOW = Instant.parse("2020-03-20T01:00:00Z");
  static X509Certificate ca;
  static Signer caSigner;
  static List<IssuerKey> realKeys;
  static Path file;

  @BeforeAll
  static void ca() throws Exception {
    PkiDirectory pki = SharedPki.get();
    ca = pki.caCertificate();
    caSigner =
        Signer.of(
            "federation-ca",
            SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256,
            PemFiles.readPrivateKey(pki.root().resolve("ca").resolve("ca.key")),
            ca.getPublicKey());
    TrustList real = pki.trustList();
    realKeys = new ArrayList<>();
    real.issuers().forEach(i -> realKeys.addAll(real.keys(i)));
    file = Files.createTempFile("codefed-trust-fuzz", ".pb");
    file.toFile().deleteOnExit();
  }

  @FuzzTest(maxDuration = "5m")
  void loadAndVerify_anyList_throwsOnlyDocumentedExceptions(FuzzedDataProvider in)
      throws Exception {
    TrustList list = null;
    try {
      list =
          switch (in.consumeInt(0, 2)) {
            case 0 -> TrustList.verify(sign(content(in).toByteArray(), in), ca, NOW);
            case 1 -> TrustList.verify(sign(in.consumeBytes(in.consumeInt(0, 256)), in), ca, NOW);
            default -> {
              Files.write(file, in.consumeRemainingAsBytes());
              yield TrustList.load(file, ca, NOW);
            }
          };
    } catch (TrustListException expected) {
      // refused: malformed, unsigned, wrong signer, bad signature or stale
    }
    if (list == null) {
      return;
    }
    list.issuers().forEach(list::keys);
    try {
      list.verifyCode(
          SignedCode.newBuilder()
              .setPayload(ByteString.copyFrom(in.consumeBytes(64)))
              .setKeyId(pickKeyId(in, list))
              .setSignature(ByteString.copyFrom(in.consumeBytes(72)))
              .build(),
          NOW);
    } catch (CodeRejectedException expected) {
      // a code the list does not vouch for
    }
    try {
      list.verifyAssertion(
          SignedAssertion.newBuilder()
              .setAssertion(ByteString.copyFrom(in.consumeBytes(64)))
              .setKeyId(pickKeyId(in, list))
              .setSignature(ByteString.copyFrom(in.consumeBytes(72)))
              .build(),
          in.consumeString(8),
          NOW);
    } catch (CodeRejectedException expected) {
      // likewise
    }
  }

  private static SignedTrustList sign(byte[] listBytes, FuzzedDataProvider in) {
    boolean signed = in.consumeBoolean();
    return SignedTrustList.newBuilder()
        .setTrustList(ByteString.copyFrom(listBytes))
        .setSignature(
            ByteString.copyFrom(
                signed ? caSigner.sign(SigningDomain.TRUST_LIST, listBytes) : in.consumeBytes(72)))
        .setSignerFingerprint(
            ByteString.copyFrom(
                in.consumeBoolean() ? TrustList.fingerprint(ca) : in.consumeBytes(32)))
        .build();
  }

  private static healthcode.trust.v1.TrustList content(FuzzedDataProvider in) {
    healthcode.trust.v1.TrustList.Builder list =
        healthcode.trust.v1.TrustList.newBuilder()
            .setTrustDomain(in.consumeBoolean() ? "codefed.test" : in.consumeString(12))
            .setVersion(in.consumeBoolean() ? 1 : in.consumeLong());
    if (in.consumeBoolean()) {
      list.setIssuedAt(time(in, NOW.minusSeconds(3600)));
    }
    if (in.consumeBoolean()) {
      list.setNextUpdate(time(in, NOW.plusSeconds(3600)));
    }
    int issuers = in.consumeInt(0, 3);
    for (int i = 0; i < issuers; i++) {
      TrustedIssuer.Builder issuer =
          TrustedIssuer.newBuilder()
              .setIssuer(in.consumeBoolean() ? "140000" : in.consumeString(8))
              .setName(in.consumeString(8));
      int keys = in.consumeInt(0, 3);
      for (int k = 0; k < keys; k++) {
        issuer.addKeys(key(in));
      }
      list.addIssuers(issuer);
    }
    return list.build();
  }

  private static IssuerKey key(FuzzedDataProvider in) {
    IssuerKey real = realKeys.get(in.consumeInt(0, realKeys.size() - 1));
    IssuerKey.Builder key = real.toBuilder();
    if (in.consumeBoolean()) {
      key.setKeyId(in.consumeString(16));
    }
    if (in.consumeBoolean()) {
      key.setAlgorithmValue(in.consumeInt(-1, 4));
    }
    if (in.consumeBoolean()) {
      byte[] spki = real.getPublicKey().toByteArray();
      int at = in.consumeInt(0, spki.length - 1);
      switch (in.consumeInt(0, 2)) {
        case 0 -> spki[at] ^= (byte) in.consumeInt(1, 255);
        case 1 -> spki = java.util.Arrays.copyOf(spki, at);
        default -> spki = in.consumeBytes(in.consumeInt(0, 120));
      }
      key.setPublicKey(ByteString.copyFrom(spki));
    }
    if (in.consumeBoolean()) {
      key.setStatusValue(in.consumeInt(-1, 4));
    }
    if (in.consumeBoolean()) {
      key.setNotBefore(time(in, NOW.minusSeconds(86_400)));
    }
    if (in.consumeBoolean()) {
      key.setNotAfter(time(in, NOW.plusSeconds(86_400)));
    }
    return key.build();
  }

  private static Timestamp time(FuzzedDataProvider in, Instant usual) {
    return in.consumeBoolean()
        ? Timestamp.newBuilder().setSeconds(usual.getEpochSecond()).build()
        : Timestamp.newBuilder().setSeconds(in.consumeLong()).setNanos(in.consumeInt()).build();
  }

  private static String pickKeyId(FuzzedDataProvider in, TrustList list) {
    List<String> ids = new ArrayList<>();
    list.issuers().forEach(i -> list.keys(i).forEach(k -> ids.add(k.getKeyId())));
    return ids.isEmpty() || !in.consumeBoolean()
        ? in.consumeString(16)
        : ids.get(in.consumeInt(0, ids.size() - 1));
  }
}
