package codefed.gateway.testing;

import codefed.gateway.status.StatusLookup;
import codefed.gateway.status.StatusSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A status source whose answers tests choose, and which remembers every lookup. */
public final class FakeStatusSource implements StatusSource {
  /** One lookup as it was asked. */
  public record Call(String issuer, byte[] codeId, Duration maxAge) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile Function<Call, StatusLookup> answer =
      c -> new StatusLookup.Unreachable("no answer set");

  public void answer(Function<Call, StatusLookup> answer) {
    this.answer = answer;
  }

  public void answer(StatusLookup lookup) {
    this.answer = c -> lookup;
  }

  @Override
  public StatusLookup lookup(String issuer, byte[] codeId, Duration maxAge) {
    Call call = new Call(issuer, codeId.clone(), maxAge);
    calls.add(call);
    return answer.apply(call);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }
}
