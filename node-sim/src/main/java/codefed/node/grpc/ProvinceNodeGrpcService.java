package codefed.node.grpc;

import codefed.node.InvalidRequestException;
import codefed.node.NodeCore;
import codefed.node.NodeUnavailableException;
import codefed.node.NodeUnavailableException.Reason;
import codefed.node.declaration.InvalidDeclarationException;
import codefed.node.fault.NodeFaults;
import codefed.node.issuance.IssuedCode;
import codefed.node.status.HolderStatus;
import codefed.node.status.UpdateOutcome;
import codefed.rpc.status.Replies;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.GetIssuerKeysRequest;
import healthcode.federation.v1.GetIssuerKeysResponse;
import healthcode.federation.v1.IssueCodeRequest;
import healthcode.federation.v1.IssueCodeResponse;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.SetRiskAreasRequest;
import healthcode.federation.v1.SetRiskAreasResponse;
import healthcode.federation.v1.UpdateStatusRequest;
import healthcode.federation.v1.UpdateStatusResponse;
import healthcode.federation.v1.VerifyCodeRequest;
import healthcode.federation.v1.VerifyCodeResponse;
import healthcode.federation.v1.WatchStatusChangesRequest;
import healthcode.federation.v1.WatchStatusChangesResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ProvinceNodeService}: translates proto ↔ domain and delegates to {@link NodeCore}; what it
 * throws becomes a status through the server's status mapping ({@link NodeStatusMapper}).
 */
final class ProvinceNodeGrpcService extends ProvinceNodeServiceGrpc.ProvinceNodeServiceImplBase {
  private final NodeCore core;
  private final ScheduledExecutorService scheduler;
  private final java.time.Duration heartbeat;
  private final Set<WatchStream> streams = ConcurrentHashMap.newKeySet();

  /**
   * @param heartbeat how often an idle change stream sends a heartbeat
   */
  ProvinceNodeGrpcService(
      NodeCore core, ScheduledExecutorService scheduler, java.time.Duration heartbeat) {
    this.core = core;
    this.scheduler = scheduler;
    this.heartbeat = heartbeat;
    core.faults()
        .onChange(
            settings -> {
              if (settings.down()) {
                streams.forEach(s -> s.end(new NodeUnavailableException(Reason.NODE_DOWN)));
              }
            });
  }

  @Override
  public void verifyCode(VerifyCodeRequest request, StreamObserver<VerifyCodeResponse> observer) {
    ServerCallStreamObserver<VerifyCodeResponse> call =
        (ServerCallStreamObserver<VerifyCodeResponse>) observer;
    NodeFaults.Decision decision = core.faults().decideVerify();
    if (decision instanceof NodeFaults.Decision.Hang) {
      call.setOnCancelHandler(() -> {});
      return;
    }
    if (decision instanceof NodeFaults.Decision.Fail) {
      throw new NodeUnavailableException(Reason.INJECTED_FAULT);
    }
    var delay = ((NodeFaults.Decision.Answer) decision).delay();
    if (delay.isZero()) {
      // The answer may be sent after the caller gave up (it waits for its batch's signature).
      call.setOnCancelHandler(() -> {});
      answer(request, call);
      return;
    }
    try {
      Future<?> later =
          scheduler.schedule(() -> answer(request, call), delay.toNanos(), TimeUnit.NANOSECONDS);
      call.setOnCancelHandler(() -> later.cancel(false));
    } catch (RejectedExecutionException e) {
      throw new NodeUnavailableException(Reason.SHUTTING_DOWN);
    }
  }

  private void answer(
      VerifyCodeRequest request, ServerCallStreamObserver<VerifyCodeResponse> observer) {
    Replies.run(
        observer,
        () ->
            core.assertions()
                .answerAsync(request.getCodeId().toByteArray(), request.getNonce().toByteArray())
                .whenComplete(
                    (signed, failure) -> {
                      if (observer.isCancelled()) {
                        return; // the caller's deadline passed or it went away
                      }
                      if (failure != null) {
                        observer.onError(failure); // mapped by the server's status interceptor
                        return;
                      }
                      observer.onNext(VerifyCodeResponse.newBuilder().setAssertion(signed).build());
                      observer.onCompleted();
                    }));
  }

  @Override
  public void watchStatusChanges(
      WatchStatusChangesRequest request, StreamObserver<WatchStatusChangesResponse> observer) {
    if (request.getFromSequence() < 0) {
      throw new InvalidRequestException(
          "from_sequence: " + request.getFromSequence() + " (expected: >= 0)");
    }
    WatchStream stream =
        new WatchStream(
            (ServerCallStreamObserver<WatchStatusChangesResponse>) observer,
            scheduler,
            streams::remove);
    streams.add(stream);
    Replies.run(
        observer,
        () -> {
          try {
            stream.start(core.book().feed(), request.getFromSequence(), scheduler, heartbeat);
          } catch (Exception e) {
            streams.remove(stream);
            throw e;
          }
        });
  }

  @Override
  public void getIssuerKeys(
      GetIssuerKeysRequest request, StreamObserver<GetIssuerKeysResponse> observer) {
    Replies.unary(
        observer,
        () ->
            GetIssuerKeysResponse.newBuilder()
                .setIssuer(core.province())
                .addAllKeys(core.issuerKeys().get())
                .build());
  }

  @Override
  public void issueCode(IssueCodeRequest request, StreamObserver<IssueCodeResponse> observer) {
    Replies.unary(
        observer,
        () -> {
          if (!request.hasDeclaration()) {
            throw new InvalidRequestException("declaration: missing");
          }
          IssuedCode code;
          try {
            code = core.codes().issue(request.getDeclaration(), request.getIncludeSnapshot());
          } catch (InvalidDeclarationException e) {
            throw e.worded(request.getDeclaration().getLanguage()); // in the declarant's language
          }
          return IssueCodeResponse.newBuilder()
              .setQrText(code.qrText())
              .setCodeId(ByteString.copyFrom(code.codeId().toBytes()))
              .setColor(code.status().color())
              .addAllReasons(code.status().reasons())
              .setExpiresAt(ProtoMapping.timestamp(code.expiresAt()))
              .build();
        });
  }

  @Override
  public void updateStatus(
      UpdateStatusRequest request, StreamObserver<UpdateStatusResponse> observer) {
    Replies.unary(
        observer,
        () -> {
          UpdateOutcome outcome =
              core.book()
                  .update(ProtoMapping.codeId(request.getCodeId()), ProtoMapping.update(request));
          HolderStatus status = outcome.status();
          return UpdateStatusResponse.newBuilder()
              .setState(status.state())
              .setColor(status.color())
              .addAllReasons(status.reasons())
              .setItineraryRisk(status.itineraryRisk())
              .setSequence(outcome.sequence())
              .build();
        });
  }

  @Override
  public void setRiskAreas(
      SetRiskAreasRequest request, StreamObserver<SetRiskAreasResponse> observer) {
    Replies.unary(
        observer,
        () ->
            SetRiskAreasResponse.newBuilder()
                .setCodesChanged(core.book().setRiskAreas(ProtoMapping.riskAreas(request)))
                .build());
  }
}
