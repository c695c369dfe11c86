package codefed.node.grpc;

import codefed.node.NodeCore;
import codefed.node.fault.NodeFaults;
import codefed.node.issuance.IssuedCode;
import codefed.node.status.HolderStatus;
import codefed.node.status.UpdateOutcome;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.GetIssuerKeysRequest;
import healthcode.federation.v1.GetIssuerKeysResponse;
import healthcode.federation.v1.IssueCodeRequest;
import healthcode.federation.v1.IssueCodeResponse;
import healthcode.federation.v1.Language;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.SetRiskAreasRequest;
import healthcode.federation.v1.SetRiskAreasResponse;
import healthcode.federation.v1.UpdateStatusRequest;
import healthcode.federation.v1.UpdateStatusResponse;
import healthcode.federation.v1.VerifyCodeRequest;
import healthcode.federation.v1.VerifyCodeResponse;
import healthcode.federation.v1.WatchStatusChangesRequest;
import healthcode.federation.v1.WatchStatusChangesResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code ProvinceNodeService}: translates proto ↔ domain and delegates to {@link NodeCore}. */
final class ProvinceNodeGrpcService extends ProvinceNodeServiceGrpc.ProvinceNodeServiceImplBase {
  private final NodeCore core;
  private final ScheduledExecutorService scheduler;
  private final java.time.Duration heartbeat;
  private final Set<WatchStream> streams = ConcurrentHashMap.newKeySet();

  /** @param heartbeat how often an idle change stream sends a heartbeat */
  ProvinceNodeGrpcService(NodeCore core, ScheduledExecutorService scheduler, java.time.Duration heartbeat) {
    this.core = core;
    this.scheduler = scheduler;
    this.heartbeat = heartbeat;
    core.faults().onChange(settings -> {
      if (settings.down()) {
        streams.forEach(s -> s.end(StatusMapping.unavailable("node down")));
      }
    });
  }

  @Override
  public void verifyCode(VerifyCodeRequest request, StreamObserver<VerifyCodeResponse> observer) {
    ServerCallStreamObserver<VerifyCodeResponse> call = (ServerCallStreamObserver<VerifyCodeResponse>) observer;
    NodeFaults.Decision decision = core.faults().decideVerify();
    if (decision instanceof NodeFaults.Decision.Hang) {
      call.setOnCancelHandler(() -> {});
      return;
    }
    if (decision instanceof NodeFaults.Decision.Fail) {
      observer.onError(StatusMapping.unavailable("injected fault"));
      return;
    }
    var delay = ((NodeFaults.Decision.Answer) decision).delay();
    if (delay.isZero()) {
      answer(request, observer);
      return;
    }
    try {
      Future<?> later =
          scheduler.schedule(() -> answer(request, observer), delay.toNanos(), TimeUnit.NANOSECONDS);
      call.setOnCancelHandler(() -> later.cancel(false));
    } catch (RejectedExecutionException e) {
      observer.onError(StatusMapping.unavailable("node shutting down"));
    }
  }

  private void answer(VerifyCodeRequest request, StreamObserver<VerifyCodeResponse> observer) {
    try {
      var assertion = core.assertions().answer(request.getCodeId().toByteArray(), request.getNonce().toByteArray());
      observer.onNext(VerifyCodeResponse.newBuilder().setAssertion(assertion).build());
      observer.onCompleted();
    } catch (RuntimeException e) {
      fail(observer, e, "VerifyCode");
    }
  }

  @Override
  public void watchStatusChanges(
      WatchStatusChangesRequest request, StreamObserver<WatchStatusChangesResponse> observer) {
    if (request.getFromSequence() < 0) {
      observer.onError(Status.INVALID_ARGUMENT
          .withDescription("from_sequence: " + request.getFromSequence() + " (expected: >= 0)")
          .asRuntimeException());
      return;
    }
    WatchStream stream = new WatchStream(
        (ServerCallStreamObserver<WatchStatusChangesResponse>) observer, scheduler, streams::remove);
    streams.add(stream);
    try {
      stream.start(core.book().feed(), request.getFromSequence(), scheduler, heartbeat);
    } catch (Exception e) {
      streams.remove(stream);
      fail(observer, e, "WatchStatusChanges");
    }
  }

  @Override
  public void getIssuerKeys(GetIssuerKeysRequest request, StreamObserver<GetIssuerKeysResponse> observer) {
    try {
      observer.onNext(GetIssuerKeysResponse.newBuilder()
          .setIssuer(core.province())
          .addAllKeys(core.issuerKeys().get())
          .build());
      observer.onCompleted();
    } catch (RuntimeException e) {
      fail(observer, e, "GetIssuerKeys");
    }
  }

  @Override
  public void issueCode(IssueCodeRequest request, StreamObserver<IssueCodeResponse> observer) {
    Language language = request.getDeclaration().getLanguage();
    try {
      if (!request.hasDeclaration()) {
        throw Status.INVALID_ARGUMENT.withDescription("declaration: missing").asRuntimeException();
      }
      IssuedCode code = core.codes().issue(request.getDeclaration(), request.getIncludeSnapshot());
      observer.onNext(IssueCodeResponse.newBuilder()
          .setQrText(code.qrText())
          .setCodeId(ByteString.copyFrom(code.codeId().toBytes()))
          .setColor(code.status().color())
          .addAllReasons(code.status().reasons())
          .setExpiresAt(ProtoMapping.timestamp(code.expiresAt()))
          .build());
      observer.onCompleted();
    } catch (Exception e) {
      observer.onError(StatusMapping.toStatus(e, "IssueCode", language));
    }
  }

  @Override
  public void updateStatus(UpdateStatusRequest request, StreamObserver<UpdateStatusResponse> observer) {
    try {
      UpdateOutcome outcome = core.book().update(ProtoMapping.codeId(request.getCodeId()), ProtoMapping.update(request));
      HolderStatus status = outcome.status();
      observer.onNext(UpdateStatusResponse.newBuilder()
          .setState(status.state())
          .setColor(status.color())
          .addAllReasons(status.reasons())
          .setItineraryRisk(status.itineraryRisk())
          .setSequence(outcome.sequence())
          .build());
      observer.onCompleted();
    } catch (Exception e) {
      fail(observer, e, "UpdateStatus");
    }
  }

  @Override
  public void setRiskAreas(SetRiskAreasRequest request, StreamObserver<SetRiskAreasResponse> observer) {
    try {
      int changed = core.book().setRiskAreas(ProtoMapping.riskAreas(request));
      observer.onNext(SetRiskAreasResponse.newBuilder().setCodesChanged(changed).build());
      observer.onCompleted();
    } catch (RuntimeException e) {
      fail(observer, e, "SetRiskAreas");
    }
  }

  private static void fail(StreamObserver<?> observer, Exception e, String method) {
    StatusRuntimeException status = StatusMapping.toStatus(e, method);
    observer.onError(status);
  }
}
