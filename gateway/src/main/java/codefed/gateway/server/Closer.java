package codefed.gateway.server;

import codefed.threads.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/** What a gateway opened, closed in reverse order; a failure to close one never skips the rest. */
final class Closer {
  private static final Logger LOG = Logger.getLogger(Closer.class.getName());
  private final List<AutoCloseable> resources = new ArrayList<>();

  synchronized void add(AutoCloseable resource) {
    resources.add(resource);
  }

  synchronized void closeAll() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warning("closing " + resources.get(i) + " failed: " + e);
      }
    }
    resources.clear();
  }

  /** Daemon threads named {@code name-1}, {@code name-2}, … */
  static ThreadFactory daemonThreads(String name) {
    return DaemonThreads.numbered(name);
  }
}
