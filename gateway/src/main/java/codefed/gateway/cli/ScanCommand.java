package codefed.gateway.cli;

import codefed.gateway.client.GatewayAddresses;
import codefed.gateway.client.GatewayClient;
import codefed.gateway.officer.OfficerMessages;
import codefed.gateway.recognition.EnumNames;
import codefed.pki.PkiDirectory;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Scan;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Scan one code at a gateway, as a checkpoint. The checkpoint talks only to the gateways of its
 * jurisdiction's fleet: a stolen scanner key, or another province's gateway, cannot pose as one.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Scan one code at a gateway, as a checkpoint, and show the decision.",
      "The server must be a gateway of this checkpoint's jurisdiction, gateway/CODE or gateway/CODE-<member> "
          + "(--jurisdiction, or the one its bundle was issued for), or exactly --expect-gateway; any other certificate is refused."
    })
public final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--gateway",
      required = true,
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "The gateways of the jurisdiction (repeatable or comma-separated; a DNS name with several "
              + "records counts as several): round robin over the healthy ones, never a second try of a scan that may "
              + "have been received.")
  List<String> gatewayOptions;

  @Option(
      names = "--pki",
      required = true,
      paramLabel = "DIR",
      description = "This checkpoint's bundle (codefed certs bundle checkpoint NAME ...).")
  Path pkiDir;

  @Option(
      names = "--as",
      paramLabel = "CHECKPOINT",
      description =
          "This checkpoint's identity name, e.g. checkpoint-1 (default: the bundle's owner).")
  String checkpoint;

  @Option(
      names = {"--jurisdiction", "--gateway-name"},
      paramLabel = "CODE",
      description =
          "The jurisdiction this checkpoint scans in: only its gateways spiffe://<domain>/gateway/CODE and .../gateway/CODE-<member> are accepted "
              + "(default: the jurisdiction the bundle was issued for).")
  String jurisdiction;

  @Option(
      names = "--expect-gateway",
      paramLabel = "SPIFFE_ID",
      description =
          "Accept exactly this gateway identity instead, e.g. spiffe://codefed.example/gateway/150000.")
  String expectGateway;

  @Option(
      names = "--type",
      defaultValue = "TRAFFIC",
      paramLabel = "TYPE",
      description =
          "Checkpoint type: TRAFFIC, PUBLIC_PLACE or MEDICAL (default: ${DEFAULT-VALUE}).")
  String type;

  @Option(
      names = "--temperature",
      paramLabel = "CELSIUS",
      description = "Measured body temperature, e.g. 36.8.")
  Double temperature;

  @Option(names = "--json", description = "Print the decision as JSON.")
  boolean json;

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      description =
          "The officer's language: en or zh (default: zh when LC_ALL, LC_MESSAGES or LANG starts with zh, else en).")
  String lang;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "Deadline of the call (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(
      names = "--receipt-out",
      paramLabel = "FILE",
      description =
          "Save the answer's signed audit receipt here (prove it later: codefed audit prove).")
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
    OfficerMessages.Language language = language();
    String qr = code.image != null ? QrImages.decode(code.image) : code.qrText;
    Scan.Builder scan = Scan.newBuilder().setQrText(qr).setCheckpointType(checkpointType);
    if (temperature != null) {
      scan.setTemperatureCelsius(temperature);
    }
    PkiDirectory pki = PkiDirectory.open(pkiDir);
    GatewayPin pin = GatewayPin.resolve(pki, checkpoint, jurisdiction, expectGateway);
    GatewayAddresses addresses = GatewayAddresses.parse(gatewayOptions);
    String gateway = addresses.toString();
    try (GatewayClient client =
        GatewayClient.connect(addresses, pki, pin.checkpoint(), pin.gateway())) {
      Decision d = client.recognize(scan.build(), Duration.ofSeconds(timeoutSeconds));
      spec.commandLine()
          .getOut()
          .print(
              json ? DecisionJson.render(d) : DecisionText.render(d, OfficerMessages.of(language)));
      if (receiptOut != null) {
        if (!d.hasReceipt()) {
          spec.commandLine()
              .getErr()
              .println("no signed receipt in the answer (the gateway has no audit key)");
          return 1;
        }
        codefed.gateway.audit.receipt.ReceiptFiles.write(receiptOut, d.getReceipt());
      }
      spec.commandLine().getOut().flush();
      return 0;
    } catch (StatusRuntimeException e) {
      Optional<String> refusal = GatewayPin.refusal(e);
      if (refusal.isPresent()) {
        spec.commandLine()
            .getErr()
            .println(
                "scan: refused the server at "
                    + gateway
                    + " (nothing was scanned): "
                    + refusal.get());
      } else {
        spec.commandLine().getErr().println("codefed scan: " + ScanErrors.describe(gateway, e));
      }
      spec.commandLine().getErr().flush();
      return 1;
    }
  }

  private OfficerMessages.Language language() {
    if (lang == null) {
      return OfficerMessages.Language.fromEnvironment(System.getenv());
    }
    return switch (lang.toLowerCase(java.util.Locale.ROOT)) {
      case "en" -> OfficerMessages.Language.EN;
      case "zh" -> OfficerMessages.Language.ZH;
      default ->
          throw new ParameterException(
              spec.commandLine(), "--lang: " + lang + " (expected: en or zh)");
    };
  }
}
