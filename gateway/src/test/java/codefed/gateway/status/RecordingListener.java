package codefed.gateway.status;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every hook call as a short line, e.g. {@code "call 150000 ok"}. */
final class RecordingListener implements StatusListener {
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void nodeCall(String issuer, long nanos, String outcome) {
    events.add("call " + issuer + " " + outcome);
  }

  @Override
  public void cacheHit(String issuer) {
    events.add("hit " + issuer);
  }

  @Override
  public void cacheMiss(String issuer) {
    events.add("miss " + issuer);
  }

  @Override
  public void circuitState(String issuer, String state) {
    events.add("state " + issuer + " " + state);
  }

  @Override
  public void securityEvent(String issuer, String kind) {
    events.add("security " + issuer + " " + kind);
  }

  @Override
  public void changeStreamUp(String issuer, boolean up) {
    events.add("stream " + issuer + (up ? " up" : " down"));
  }

  /** The last change-stream state reported for the issuer: "up", "down" or "" if none. */
  String lastStreamState(String issuer) {
    List<String> states = starting("stream " + issuer + " ");
    return states.isEmpty()
        ? ""
        : states.get(states.size() - 1).substring(("stream " + issuer + " ").length());
  }

  List<String> starting(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).toList();
  }
}
