package codefed.gateway.status;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import healthcode.federation.v1.VerifyCodeRequest;
import healthcode.federation.v1.VerifyCodeResponse;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Calls {@code VerifyCode} on one issuer's node and checks the answer: signed by a key of the
 * issuer, for this issuer, for the requested code, echoing this request's fresh nonce. The caller's
 * deadline covers the call and its single retry, which happens only on {@code UNAVAILABLE} and goes
 * to the issuer's next address when it has several. Calls are asynchronous: no thread waits for a
 * node; the answer is checked where the call completes.
 *
 * <p>Node calls are the gateway's own: they run in {@link Context#ROOT}, detached from the inbound
 * call that needed the status, so a checkpoint's short deadline or cancellation never cuts a node
 * call short (and is never mistaken for the node failing). The gateway's budget is the only
 * deadline.
 */
final class NodeClient {
  static final int NONCE_BYTES = 16;

  /** A checked answer. */
  record Answer(StatusAssertion assertion, SignedAssertion signed) {}

  private final String issuer;
  private final List<? extends Channel> channels;
  private final AssertionVerifier verifier;
  private final Clock clock;
  private final StatusListener listener;
  private final Predicate<Throwable> identityMismatch;
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger preferred = new AtomicInteger();

  NodeClient(
      String issuer,
      List<? extends Channel> channels,
      AssertionVerifier verifier,
      Clock clock,
      StatusListener listener,
      Predicate<Throwable> identityMismatch) {
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("channels of " + issuer + ": none (expected: >= 1)");
    }
    this.issuer = issuer;
    this.channels = List.copyOf(channels);
    this.verifier = verifier;
    this.clock = clock;
    this.listener = listener;
    this.identityMismatch = identityMismatch;
  }

  /**
   * Blocking form of {@link #verifyCodeAsync}, for callers that have a thread to spare.
   *
   * @throws StatusRuntimeException the node's (or the transport's) status after the retry
   * @throws AnswerRefusedException the answer failed a check, or the TLS peer was not the issuer's
   *     node (then with {@link SecurityEvent#TLS_IDENTITY})
   */
  Answer verifyCode(ByteString codeId, Deadline budget) throws AnswerRefusedException {
    try {
      return verifyCodeAsync(codeId, budget).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof AnswerRefusedException refused) {
        throw refused;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * Asks the node without holding a thread: the stage completes on the channel's executor with the
   * checked answer, or exceptionally with the node's {@link StatusRuntimeException} (after the
   * single retry) or an {@link AnswerRefusedException}.
   */
  CompletableFuture<Answer> verifyCodeAsync(ByteString codeId, Deadline budget) {
    int first = Math.floorMod(preferred.get(), channels.size());
    return attempt(first, codeId, budget)
        .exceptionallyCompose(
            thrown -> {
              Throwable failure =
                  thrown instanceof CompletionException c && c.getCause() != null
                      ? c.getCause()
                      : thrown;
              if (!(failure instanceof StatusRuntimeException e)
                  || e.getStatus().getCode() != Status.Code.UNAVAILABLE
                  || budget.isExpired()) {
                return CompletableFuture.failedFuture(failure);
              }
              int next = (first + 1) % channels.size();
              preferred.compareAndSet(first, next);
              return attempt(next, codeId, budget);
            });
  }

  private CompletableFuture<Answer> attempt(int channel, ByteString codeId, Deadline budget) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    VerifyCodeRequest request =
        VerifyCodeRequest.newBuilder()
            .setCodeId(codeId)
            .setNonce(ByteString.copyFrom(nonce))
            .build();
    long start = System.nanoTime();
    CompletableFuture<Answer> result = new CompletableFuture<>();
    ListenableFuture<VerifyCodeResponse> call;
    // Started in the root context: the inbound call's deadline and cancellation stay out.
    Context previous = Context.ROOT.attach();
    try {
      call =
          ProvinceNodeServiceGrpc.newFutureStub(channels.get(channel))
              .withDeadline(budget)
              .verifyCode(request);
    } finally {
      Context.ROOT.detach(previous);
    }
    Futures.addCallback(
        call,
        new FutureCallback<>() {
          @Override
          public void onSuccess(VerifyCodeResponse response) {
            String outcome = "refused";
            try {
              Answer answer = check(response, codeId, request.getNonce());
              outcome = "ok";
              result.complete(answer);
            } catch (AnswerRefusedException | RuntimeException e) {
              result.completeExceptionally(e);
            } finally {
              listener.nodeCall(issuer, System.nanoTime() - start, outcome);
            }
          }

          @Override
          public void onFailure(Throwable t) {
            StatusRuntimeException e =
                t instanceof StatusRuntimeException s
                    ? s
                    : Status.fromThrowable(t).asRuntimeException();
            if (identityMismatch.test(e)) {
              listener.nodeCall(issuer, System.nanoTime() - start, "refused");
              result.completeExceptionally(new AnswerRefusedException(SecurityEvent.TLS_IDENTITY));
              return;
            }
            listener.nodeCall(
                issuer,
                System.nanoTime() - start,
                e.getStatus().getCode().name().toLowerCase(Locale.ROOT));
            result.completeExceptionally(e);
          }
        },
        MoreExecutors.directExecutor());
    return result;
  }

  private Answer check(VerifyCodeResponse response, ByteString codeId, ByteString nonce)
      throws AnswerRefusedException {
    if (!response.hasAssertion()) {
      throw new AnswerRefusedException(SecurityEvent.MALFORMED_ANSWER);
    }
    SignedAssertion signed = response.getAssertion();
    StatusAssertion assertion = verifier.verify(signed, issuer, clock.instant());
    if (!assertion.getIssuer().equals(issuer)) {
      throw new AnswerRefusedException(SecurityEvent.ASSERTION_ISSUER);
    }
    if (!assertion.getCodeId().equals(codeId)) {
      throw new AnswerRefusedException(SecurityEvent.ASSERTION_CODE_ID);
    }
    if (!assertion.getNonce().equals(nonce)) {
      throw new AnswerRefusedException(SecurityEvent.ASSERTION_NONCE);
    }
    return new Answer(assertion, signed);
  }
}
