package codefed.gateway.cli;

import codefed.gateway.recognition.EnumNames;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Scan one code at a gateway, as a checkpoint. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Scan one code at a gateway, as a checkpoint, and show the decision.")
public final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--gateway", required = true, paramLabel = "HOST:PORT", description = "The gateway to ask.")
  String gateway;

  @Option(names = "--pki", required = true, paramLabel = "DIR", description = "PKI directory holding this checkpoint's identity.")
  Path pkiDir;

  @Option(names = "--as", required = true, paramLabel = "CHECKPOINT", description = "This checkpoint's identity name, e.g. checkpoint-1.")
  String checkpoint;

  @Option(names = "--gateway-name", paramLabel = "NAME",
      description = "Require the gateway's certificate to be gateway/NAME (default: any federation gateway).")
  String gatewayName;

  @Option(names = "--type", defaultValue = "TRAFFIC", paramLabel = "TYPE",
      description = "Checkpoint type: TRAFFIC, PUBLIC_PLACE or MEDICAL (default: ${DEFAULT-VALUE}).")
  String type;

  @Option(names = "--temperature", paramLabel = "CELSIUS", description = "Measured body temperature, e.g. 36.8.")
  Double temperature;

  @Option(names = "--json", description = "Print the decision as JSON.")
  boolean json;

  @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "Deadline of the call (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--receipt-out", paramLabel = "FILE",
      description = "Save the answer's signed audit receipt here (prove it later: codefed audit prove).")
  Path receiptOut;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Code code;

  static final class Code {
    @Parameters(paramLabel = "QR_TEXT", description = "The scanned text, HCF1:...")
    String qrText;

    @Option(names = "--image", paramLabel = "FILE.png", description = "A picture of the QR code.")
    Path image;
  }

  @Override
  public Integer call() throws Exception {
    CheckpointType checkpointType = EnumNames.parse(CheckpointType.class, type);
    String qr = code.image != null ? QrImages.decode(code.image) : code.qrText;
    Scan.Builder scan = Scan.newBuilder().setQrText(qr).setCheckpointType(checkpointType);
    if (temperature != null) {
      scan.setTemperatureCelsius(temperature);
    }
    PkiDirectory pki = PkiDirectory.open(pkiDir);
    ChannelCredentials credentials = gatewayName == null
        ? MtlsCredentials.client(pki, Role.CHECKPOINT, checkpoint)
        : MtlsCredentials.client(pki, Role.CHECKPOINT, checkpoint, pki.spiffeId(Role.GATEWAY, gatewayName));
    ManagedChannel channel = Grpc.newChannelBuilder(gateway, credentials).build();
    try {
      Decision d = RecognitionServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
          .recognize(RecognizeRequest.newBuilder().setScan(scan).build())
          .getDecision();
      spec.commandLine().getOut().print(json ? DecisionJson.render(d) : DecisionText.render(d));
      if (receiptOut != null) {
        if (!d.hasReceipt()) {
          spec.commandLine().getErr().println("no signed receipt in the answer (the gateway has no audit key)");
          return 1;
        }
        codefed.gateway.audit.receipt.ReceiptFiles.write(receiptOut, d.getReceipt());
      }
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      channel.shutdownNow();
    }
  }
}
