package codefed.gateway.config;

import healthcode.config.v1.FederationPeer;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the gateway configuration file so that a province can join or leave a running federation:
 * a changed {@code peers} list is handed on at once; any other changed setting is logged as needing
 * a restart and not applied. A file that does not validate changes nothing. Run it periodically
 * ({@link Runnable}); it never throws.
 */
public final class PeersWatcher implements Runnable {
  private static final Logger LOG = Logger.getLogger(PeersWatcher.class.getName());

  private final Path file;
  private final Consumer<List<FederationPeer>> peers;
  private final GatewayOptions started;
  private List<FederationPeer> applied;
  private FileTime modified;
  private long size;

  /**
   * @param started the options the gateway was started with
   * @param peers receives each new peer list; may throw IllegalArgumentException to refuse it
   */
  public PeersWatcher(Path file, GatewayOptions started, Consumer<List<FederationPeer>> peers)
      throws IOException {
    this.file = Objects.requireNonNull(file, "file");
    this.started = Objects.requireNonNull(started, "started");
    this.applied = started.peers();
    this.peers = Objects.requireNonNull(peers, "peers");
    this.modified = Files.getLastModifiedTime(file);
    this.size = Files.size(file);
  }

  @Override
  public synchronized void run() {
    try {
      FileTime m = Files.getLastModifiedTime(file);
      long s = Files.size(file);
      if (m.equals(modified) && s == size) {
        return;
      }
      modified = m;
      size = s;
      apply(GatewayConfigLoader.load(file));
    } catch (ConfigException e) {
      LOG.warning(
          "configuration "
              + file
              + " changed but is not valid; nothing applied:\n"
              + e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "configuration " + file + " not re-read: " + e.getMessage());
    }
  }

  private void apply(GatewayOptions next) {
    List<String> restart = changedBesidesPeers(started, next);
    if (!restart.isEmpty()) {
      LOG.warning(
          "configuration "
              + file
              + ": "
              + String.join(", ", restart)
              + " changed; only peers apply without a restart, restart the gateway for the rest");
    }
    if (next.peers().equals(applied)) {
      return;
    }
    try {
      peers.accept(next.peers());
    } catch (IllegalArgumentException e) {
      LOG.warning("configuration " + file + ": peers not applied: " + e.getMessage());
      return;
    }
    LOG.info(
        "configuration "
            + file
            + ": peers applied without a restart ("
            + next.peers().stream().map(FederationPeer::getIssuer).toList()
            + ")");
    applied = next.peers();
  }

  /** The names of the settings other than peers that differ. */
  static List<String> changedBesidesPeers(GatewayOptions a, GatewayOptions b) {
    List<String> changed = new ArrayList<>();
    for (RecordComponent c : GatewayOptions.class.getRecordComponents()) {
      if (c.getName().equals("peers")) {
        continue;
      }
      try {
        if (!Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
          changed.add(c.getName());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return changed;
  }
}
