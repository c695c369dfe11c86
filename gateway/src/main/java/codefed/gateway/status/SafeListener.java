package codefed.gateway.status;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Shields lookups from a failing metrics listener: its exceptions are logged, not thrown. */
final class SafeListener implements StatusListener {
  private static final Logger LOG = Logger.getLogger(SafeListener.class.getName());

  private final StatusListener delegate;

  SafeListener(StatusListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void nodeCall(String issuer, long nanos, String outcome) {
    run(() -> delegate.nodeCall(issuer, nanos, outcome));
  }

  @Override
  public void cacheHit(String issuer) {
    run(() -> delegate.cacheHit(issuer));
  }

  @Override
  public void cacheMiss(String issuer) {
    run(() -> delegate.cacheMiss(issuer));
  }

  @Override
  public void circuitState(String issuer, String state) {
    run(() -> delegate.circuitState(issuer, state));
  }

  @Override
  public void securityEvent(String issuer, String kind) {
    run(() -> delegate.securityEvent(issuer, kind));
  }

  @Override
  public void statusChanged(String issuer, long sequence) {
    run(() -> delegate.statusChanged(issuer, sequence));
  }

  @Override
  public void changeStreamUp(String issuer, boolean up) {
    run(() -> delegate.changeStreamUp(issuer, up));
  }

  private static void run(Runnable hook) {
    try {
      hook.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "status listener failed", e);
    }
  }
}
