package codefed.gateway.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.Locale;

/**
 * One sentence for a failed scan call that names the gateway's address and the cause as a
 * checkpoint operator can act on it: not running, certificate refused (and why), not the expected
 * gateway, too slow, or the gateway's own answer.
 */
final class ScanErrors {
  private ScanErrors() {}

  static String describe(String address, StatusRuntimeException e) {
    String alerts = causes(e).toUpperCase(Locale.ROOT);
    if (has(e, ConnectException.class)) {
      return "cannot reach the gateway at "
          + address
          + ": connection refused (is it running and listening there?)";
    }
    if (has(e, UnknownHostException.class) || has(e, UnresolvedAddressException.class)) {
      return "cannot reach the gateway at " + address + ": unknown host";
    }
    if (alerts.contains("ALERT_CERTIFICATE_REVOKED")) {
      return refused(address, "it has been revoked");
    }
    if (alerts.contains("ALERT_UNKNOWN_CA")) {
      return refused(address, "it is not issued by the federation CA that gateway trusts");
    }
    if (alerts.contains("ALERT_CERTIFICATE_EXPIRED")) {
      return refused(address, "it has expired, or the gateway's CRL has");
    }
    if (alerts.contains("ALERT_BAD_CERTIFICATE") || alerts.contains("ALERT_CERTIFICATE_UNKNOWN")) {
      return refused(address, "it is not acceptable there");
    }
    CertificateException local = find(e, CertificateException.class);
    if (local != null) {
      return "the server at " + address + " is not accepted as the gateway: " + local.getMessage();
    }
    Status s = e.getStatus();
    if (s.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return "the gateway at " + address + " did not answer in time";
    }
    if (s.getCode() == Status.Code.UNAUTHENTICATED && s.getDescription() != null) {
      return "the gateway at " + address + " refused this checkpoint: " + s.getDescription();
    }
    return "the gateway at "
        + address
        + " answered "
        + s.getCode()
        + (s.getDescription() == null ? "" : ": " + s.getDescription());
  }

  private static String refused(String address, String why) {
    return "the gateway at " + address + " refused this checkpoint's certificate: " + why;
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    return find(t, type) != null;
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String causes(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getMessage()).append('\n');
    }
    return b.toString();
  }
}
