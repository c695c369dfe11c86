package codefed.cli.demo;

import codefed.cli.drill.Drill;
import codefed.cli.drill.DrillGateway;
import codefed.gateway.audit.signing.AuditCertificates;
import codefed.gateway.audit.signing.AuditKey;
import codefed.gateway.audit.witness.GatewayCheckpointSource;
import codefed.gateway.audit.witness.Witness;
import codefed.gateway.audit.witness.WitnessStore;
import codefed.pki.Role;
import java.time.Clock;

/** The demo's witness: one pull of the gateway's checkpoint over AuditService, as auditor-1. */
final class DemoWitness {
  static final String AUDITOR = "auditor-1";

  private DemoWitness() {}

  static Witness.Observation once(Drill drill, DrillGateway gateway) throws Exception {
    gateway.checkpoint();
    Witness witness =
        new Witness(
            drill.pki().spiffeId(Role.AUDITOR, AUDITOR).toString(),
            AuditKey.loadWitness(drill.auditKeyDir(Role.AUDITOR, AUDITOR), AUDITOR),
            new AuditCertificates(drill.pki()),
            new WitnessStore(drill.witnessStateDir()),
            Clock.systemUTC());
    try (GatewayCheckpointSource source =
        new GatewayCheckpointSource("localhost:" + gateway.port(), drill.pki(), AUDITOR)) {
      return witness.observe(source);
    }
  }
}
