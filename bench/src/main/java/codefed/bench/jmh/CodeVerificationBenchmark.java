package codefed.bench.jmh;

import codefed.code.HealthCodeText;
import codefed.code.MalformedCodeException;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.time.ProtoTime;
import codefed.trust.CodeRejectedException;
import codefed.trust.TrustList;
import codefed.trust.VerifiedCode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.federation.v1.SignedCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Step 1 of a decision on a new code: parse the QR text (prefix, Base45, protobuf) and verify the
 * issuer's signature against the trust list, for each issuer key algorithm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodeVerificationBenchmark {
  @Param({"ECDSA_P256_SHA256", "SM2_SM3", "ED25519"})
  public String algorithm;

  private TrustList trustList;
  private String qrText;
  private Instant now;

  @Setup
  public void setUp() throws Exception {
    SignatureAlgorithm alg = SignatureAlgorithm.valueOf("SIGNATURE_ALGORITHM_" + algorithm);
    Path dir = Files.createTempDirectory("codefed-jmh-pki-");
    now = Instant.now();
    PkiDirectory pki =
        new PkiInitializer(Clock.systemUTC())
            .init(
                new PkiInitializer.InitRequest(
                    dir,
                    "jmh.codefed",
                    List.of("140000"),
                    alg,
                    now.minus(Duration.ofDays(1)),
                    List.of(),
                    false));
    trustList = pki.trustList();
    Signer signer = pki.issuerSigner("140000");
    byte[] payload =
        CodePayload.newBuilder()
            .setIssuer("140000")
            .setCodeId(
                ByteString.copyFrom(
                    new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
            .setIssuedAt(ts(now.minus(Duration.ofHours(30))))
            .setExpiresAt(ts(now.plus(Duration.ofDays(13))))
            .setMaskedName("张*")
            .setMaskedIdNumber("1401**********4562")
            .build()
            .toByteArray();
    qrText =
        HealthCodeText.encode(
            SignedCode.newBuilder()
                .setPayload(ByteString.copyFrom(payload))
                .setKeyId(signer.keyId())
                .setSignature(ByteString.copyFrom(signer.sign(SigningDomain.CODE, payload)))
                .build());
  }

  @Benchmark
  public VerifiedCode parseAndVerify() throws MalformedCodeException, CodeRejectedException {
    return trustList.verifyCode(HealthCodeText.decode(qrText), now);
  }

  private static Timestamp ts(Instant t) {
    return ProtoTime.timestamp(t);
  }
}
