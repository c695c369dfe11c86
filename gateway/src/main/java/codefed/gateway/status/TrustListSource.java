package codefed.gateway.status;

import codefed.trust.CodeRejectedException;
import codefed.trust.RejectionReason;
import codefed.trust.TrustList;
import java.util.function.Supplier;

/**
 * The trust list in use, which can be asked to look again when a signature names a key of a known
 * issuer that the list lacks: after a key rotation a node may sign with its new key before the
 * gateway's next poll of the trust list file, and that must not reject a scan.
 */
public interface TrustListSource extends Supplier<TrustList> {
  /**
   * Re-reads the trust list if {@code seen} is still the one in use (implementations bound how
   * often), and returns the one in use now, which may be {@code seen} again.
   */
  TrustList reloadForUnknownKey(TrustList seen);

  /** A check against one trust list. */
  @FunctionalInterface
  interface Check<T> {
    T apply(TrustList list) throws CodeRejectedException;
  }

  /**
   * Runs {@code check} against the list in use; if it fails with {@link
   * RejectionReason#UNKNOWN_KEY} and {@code source} can reload, runs it once more against the
   * reloaded list. Any other rejection, or the same list again, is final.
   */
  static <T> T check(Supplier<TrustList> source, Check<T> check) throws CodeRejectedException {
    TrustList list = source.get();
    try {
      return check.apply(list);
    } catch (CodeRejectedException e) {
      if (e.reason() != RejectionReason.UNKNOWN_KEY
          || !(source instanceof TrustListSource reloading)) {
        throw e;
      }
      TrustList newer = reloading.reloadForUnknownKey(list);
      if (newer == list) {
        throw e;
      }
      return check.apply(newer);
    }
  }
}
