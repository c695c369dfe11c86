package codefed.node.assertion;

import codefed.node.InvalidRequestException;
import codefed.node.registry.CodeId;
import codefed.node.status.HolderStatus;
import codefed.node.status.ItineraryEntry;
import codefed.node.status.Observation;
import codefed.node.status.StatusBook;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.ItineraryVisit;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The node's signed answers ({@code VerifyCode}): a {@link StatusAssertion} signed with the issuer
 * key, for active, revoked and unknown codes alike, bound to the caller's nonce; each alone in
 * {@link SigningDomain#ASSERTION} or many at once in {@link SigningDomain#ASSERTION_BATCH} ({@link
 * AnswerSigner}).
 */
public final class StatusAssertions {
  /** Nonce length bounds from node.proto. */
  public static final int MIN_NONCE = 8;

  public static final int MAX_NONCE = 64;

  private final String issuer;
  private final AnswerSigner signer;
  private final StatusBook book;
  private final Clock clock;
  private final Duration validity;

  /**
   * @param validity how long after {@code asserted_at} the node vouches for an answer ({@code
   *     valid_until}); a gateway's own cache limit may be shorter
   */
  public StatusAssertions(
      String issuer, Signer signer, StatusBook book, Clock clock, Duration validity) {
    this(issuer, () -> signer, book, clock, validity);
  }

  /** As above, each answer signed with the key {@code signer} gives at that moment (rotation). */
  public StatusAssertions(
      String issuer, Supplier<Signer> signer, StatusBook book, Clock clock, Duration validity) {
    this(issuer, new EachAnswerSigner(signer), book, clock, validity);
  }

  /** As above, signed by {@code signer} (each alone or in batches). */
  public StatusAssertions(
      String issuer, AnswerSigner signer, StatusBook book, Clock clock, Duration validity) {
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity: " + validity + " (expected: > 0)");
    }
    this.issuer = issuer;
    this.signer = signer;
    this.book = book;
    this.clock = clock;
    this.validity = validity;
  }

  /**
   * The signed answer about a code, waiting for its signature (for drivers and tools; the node's
   * service uses {@link #answerAsync}).
   *
   * @throws InvalidRequestException if the code id is not 16 bytes or the nonce not 8–64 bytes
   */
  public SignedAssertion answer(byte[] codeId, byte[] nonce) {
    return answerAsync(codeId, nonce).join();
  }

  /**
   * The signed answer about a code, completed once it is signed.
   *
   * @throws InvalidRequestException at once if the code id is not 16 bytes or the nonce not 8–64
   *     bytes
   */
  public CompletableFuture<SignedAssertion> answerAsync(byte[] codeId, byte[] nonce) {
    if (codeId.length != CodeId.BYTES) {
      throw new InvalidRequestException(
          "code_id: " + codeId.length + " bytes (expected: 16 bytes)");
    }
    if (nonce.length < MIN_NONCE || nonce.length > MAX_NONCE) {
      throw new InvalidRequestException(
          "nonce: "
              + nonce.length
              + " bytes (expected: "
              + MIN_NONCE
              + " to "
              + MAX_NONCE
              + " bytes)");
    }
    CodeId id = CodeId.fromBytes(codeId);
    Optional<Observation> seen = book.observe(id);
    StatusAssertion.Builder a =
        StatusAssertion.newBuilder()
            .setIssuer(issuer)
            .setCodeId(ByteString.copyFrom(codeId))
            .setNonce(ByteString.copyFrom(nonce));
    Instant at;
    if (seen.isPresent()) {
      Observation o = seen.get();
      at = o.at();
      describe(a, o.status());
      a.setMaskedName(o.record().holder().maskedName())
          .setMaskedIdNumber(o.record().holder().maskedIdNumber())
          .setStatusSequence(o.sequence());
    } else {
      at = clock.instant();
      a.setState(CodeState.CODE_STATE_UNKNOWN).setStatusSequence(book.feed().head());
    }
    a.setAssertedAt(timestamp(at)).setValidUntil(timestamp(at.plus(validity)));
    return signer.sign(a.build().toByteArray());
  }

  /** Answers signed and signatures made. */
  public AnswerSigner.SigningCounts signingCounts() {
    return signer.counts();
  }

  /** Signs what is queued and stops the signer. */
  public void close() {
    signer.close();
  }

  private static void describe(StatusAssertion.Builder a, HolderStatus status) {
    a.setState(status.state())
        .setColor(status.color())
        .addAllReasons(status.reasons())
        .setItineraryRisk(status.itineraryRisk())
        .setIssuerNote(status.issuerNote());
    for (ItineraryEntry entry : status.itinerary()) {
      a.addItinerary(
          ItineraryVisit.newBuilder()
              .setAreaCode(entry.areaCode())
              .setAreaName(entry.areaName())
              .setRiskLevel(entry.riskLevel())
              .setVisitedAt(timestamp(entry.visitedAt())));
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return ProtoTime.timestamp(instant);
  }
}
