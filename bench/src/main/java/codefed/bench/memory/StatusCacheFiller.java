package codefed.bench.memory;

import codefed.gateway.status.StatusCachePreload;
import codefed.merkle.MerkleBatch;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.AnswerBatch;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.SplittableRandom;

/**
 * Fills the gateway's status cache the way verified node answers fill it, for the benchmark's
 * memory scenario and cache-hit microbenchmark, through the cache's preloading seam ({@link
 * StatusCachePreload}).
 *
 * <p>Each entry is made from what a real answer holds (issuer, 16-byte code id, color, masked
 * identity, validity, 16-byte nonce, sequence; a 64-byte signature; the inclusion proof of an
 * answer signed in a batch of {@link #BATCH}, as nodes sign at full load by default) and inserted
 * the way the gateway inserts a verified answer: the signed answer with its assertion as parsed
 * from it. Signatures and proof hashes are random bytes: the cache never re-verifies.
 */
public final class StatusCacheFiller {
  /** Answers per node signature assumed: the 5.7–6.0 measured at full cold load, rounded. */
  static final int BATCH = 6;

  /** The audit path length of each leaf of a tree of {@link #BATCH} leaves. */
  private static final int[] PATH_LENGTHS = pathLengths();

  private final StatusCachePreload cache;

  private StatusCacheFiller(StatusCachePreload cache) {
    this.cache = cache;
  }

  /** A cache sized like the gateway's ({@code maxEntries}), 10-minute retention, system clock. */
  public static StatusCacheFiller create(int maxEntries) {
    return new StatusCacheFiller(
        StatusCachePreload.create(
            maxEntries, Duration.ofMinutes(10), Duration.ofMinutes(5), Clock.systemUTC()));
  }

  /** Inserts {@code count} answers for issuer {@code issuer}, code ids from {@code seed}. */
  public void fill(String issuer, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Instant now = Instant.now();
    for (int i = 0; i < count; i++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      insert(issuer, id, now, random);
    }
  }

  /** Inserts one answer for {@code codeId}. */
  public void insert(String issuer, byte[] codeId, Instant now, SplittableRandom random) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    byte[] signature = new byte[64];
    random.nextBytes(signature);
    int index = random.nextInt(BATCH);
    AnswerBatch.Builder proof = AnswerBatch.newBuilder().setLeafIndex(index).setTreeSize(BATCH);
    for (int h = 0; h < PATH_LENGTHS[index]; h++) {
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      proof.addPath(ByteString.copyFrom(hash));
    }
    StatusAssertion built =
        StatusAssertion.newBuilder()
            .setIssuer(issuer)
            .setCodeId(ByteString.copyFrom(codeId))
            .setState(CodeState.CODE_STATE_ACTIVE)
            .setColor(Color.COLOR_GREEN)
            .setItineraryRisk(RiskLevel.RISK_LEVEL_LOW)
            .setMaskedName("张*")
            .setMaskedIdNumber("1401**********4562")
            .setValidUntil(ts(now.plus(Duration.ofMinutes(5))))
            .setAssertedAt(ts(now))
            .setNonce(ByteString.copyFrom(nonce))
            .setStatusSequence(1 + random.nextInt(1_000_000))
            .build();
    SignedAssertion signed =
        SignedAssertion.newBuilder()
            .setAssertion(built.toByteString())
            .setKeyId(issuer + "-ed25519-1a2b3c4d")
            .setSignature(ByteString.copyFrom(signature))
            .setBatch(proof)
            .build();
    StatusAssertion parsed;
    try {
      parsed =
          StatusAssertion.parseFrom(signed.getAssertion()); // as the gateway does after verifying
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
    cache.put(parsed, signed);
  }

  /**
   * A hit, as the hot path looks it up and reads it (parsed from the cached bytes); null on a miss.
   */
  public StatusAssertion lookup(String issuer, ByteString codeId) {
    return cache.fresh(issuer, codeId).orElse(null);
  }

  public long size() {
    return cache.size();
  }

  private static Timestamp ts(Instant t) {
    return ProtoTime.timestamp(t);
  }

  private static int[] pathLengths() {
    MerkleBatch tree = MerkleBatch.of(Collections.nCopies(BATCH, new byte[32]));
    int[] lengths = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      lengths[i] = tree.path(i).size();
    }
    return lengths;
  }
}
