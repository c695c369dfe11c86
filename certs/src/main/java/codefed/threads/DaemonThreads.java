package codefed.threads;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for background work (watchers, writers, timers) that must never keep the JVM
 * alive on exit: every thread is a daemon and carries a name that says what it does, as thread
 * dumps and logs show it.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Daemon threads all named {@code name} (for single-thread executors and lone threads). */
  public static ThreadFactory named(String name) {
    Objects.requireNonNull(name, "name");
    return r -> daemon(new Thread(r, name));
  }

  /** Daemon threads named {@code prefix-1}, {@code prefix-2}, … */
  public static ThreadFactory numbered(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    AtomicInteger n = new AtomicInteger();
    return r -> daemon(new Thread(r, prefix + "-" + n.incrementAndGet()));
  }

  private static Thread daemon(Thread t) {
    t.setDaemon(true);
    return t;
  }
}
