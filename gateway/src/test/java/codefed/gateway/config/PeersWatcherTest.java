package codefed.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import healthcode.config.v1.FederationPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only peers apply from a changed configuration file; anything else waits for a restart. */
class PeersWatcherTest {
  @TempDir Path dir;
  final List<List<FederationPeer>> applied = new CopyOnWriteArrayList<>();

  Path write(String peers, int rate) throws Exception {
    Path file = dir.resolve("gateway.textproto");
    Files.writeString(
        file,
        """
        jurisdiction: "150000"
        pki_dir: "pki"
        audit_dir: "audit"
        checkpoint_rate_per_second: %d
        """
                .formatted(rate)
            + peers);
    return file;
  }

  static String peer(String issuer, int port) {
    return "peers { issuer: \""
        + issuer
        + "\" addresses: \"localhost:"
        + port
        + "\" expected_identity: \"spiffe://test.codefed/node/"
        + issuer
        + "\" }\n";
  }

  @Test
  void changedPeers_areApplied_otherSettingsAreNot() throws Exception {
    Path file = write(peer("140000", 1000), 50);
    PeersWatcher watcher = new PeersWatcher(file, GatewayConfigLoader.load(file), applied::add);

    watcher.run();
    assertThat(applied).as("unchanged file").isEmpty();

    write(peer("140000", 1000) + peer("420000", 1001), 75);
    watcher.run();

    assertThat(applied)
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .extracting(FederationPeer::getIssuer)
                    .containsExactly("140000", "420000"));
    assertThat(
            PeersWatcher.changedBesidesPeers(
                GatewayConfigLoader.load(file),
                GatewayConfigLoader.load(write(peer("140000", 1000), 50))))
        .containsExactly("checkpointRate");
  }

  @Test
  void anInvalidFile_changesNothing() throws Exception {
    Path file = write(peer("140000", 1000), 50);
    PeersWatcher watcher = new PeersWatcher(file, GatewayConfigLoader.load(file), applied::add);

    write(peer("140000", 1000) + peer("140000", 1001), 50); // listed twice
    watcher.run();
    write("peers { issuer: \"bogus\" }", 50);
    watcher.run();

    assertThat(applied).isEmpty();
  }
}
