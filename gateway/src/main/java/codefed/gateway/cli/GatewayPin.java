package codefed.gateway.cli;

import codefed.pki.GatewayFleet;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.SpiffeId;
import codefed.tls.ServerPin;
import io.grpc.StatusRuntimeException;
import java.security.cert.CertificateException;
import java.util.Optional;

/**
 * Which gateways a checkpoint accepts, and why a handshake with another server was refused.
 * Precedence: {@code --expect-gateway} (exactly that one), then {@code --jurisdiction}, then the
 * jurisdiction the checkpoint's bundle was issued for (any gateway of that jurisdiction's fleet:
 * {@code gateway/J} or {@code gateway/J-<member>}, see {@link GatewayFleet}); with none of them the
 * scan is refused, never unpinned.
 */
record GatewayPin(String checkpoint, ServerPin gateway) {

  static GatewayPin resolve(
      PkiDirectory pki, String as, String jurisdiction, String expectGateway) {
    String checkpoint = as;
    if (checkpoint == null) {
      checkpoint =
          pki.bundleOwner()
              .filter(o -> o.role() == Role.CHECKPOINT)
              .map(SpiffeId::name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--as: missing (expected: the checkpoint's name; "
                              + pki.root()
                              + " is not a checkpoint's bundle)"));
    }
    if (expectGateway != null) {
      SpiffeId id = SpiffeId.parse(expectGateway);
      if (id.role() != Role.GATEWAY || !id.trustDomain().equals(pki.trustDomain())) {
        throw new IllegalArgumentException(
            "--expect-gateway: "
                + expectGateway
                + " (expected: spiffe://"
                + pki.trustDomain()
                + "/gateway/<name>)");
      }
      return new GatewayPin(checkpoint, ServerPin.exactly(id));
    }
    String j =
        jurisdiction != null
            ? jurisdiction
            : pki.boundJurisdiction()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "no gateway to expect: pass --jurisdiction CODE (accept only "
                                + "spiffe://"
                                + pki.trustDomain()
                                + "/gateway/CODE and gateway/CODE-<member>) or --expect-gateway SPIFFE_ID, or bundle the "
                                + "checkpoint with codefed certs bundle checkpoint NAME --jurisdiction CODE"));
    return new GatewayPin(checkpoint, ServerPin.gatewayFleet(pki.trustDomain(), j));
  }

  /** Why this side refused the server's certificate, if that is why the call failed. */
  static Optional<String> refusal(StatusRuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return Optional.of(t.getMessage());
      }
    }
    return Optional.empty();
  }
}
