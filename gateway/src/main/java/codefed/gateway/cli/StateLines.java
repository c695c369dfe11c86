package codefed.gateway.cli;

import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.VerifiedStateFile;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code audit verify --state} keeps of a shard's run and the line saying so: the newest
 * verified checkpoint, or with witnesses the newest one a witness cosigned; nothing from a shard
 * that failed.
 */
final class StateLines {
  private StateLines() {}

  /** Updates {@code next} for this shard and says what was checked and what is kept. */
  static String record(
      ShardVerification.Result r, boolean ok, Map<String, VerifiedStateFile.Shard> next) {
    LogVerifier.Outcome o = r.outcome();
    String checked =
        r.from()
            .map(
                p ->
                    "incremental: checked "
                        + o.checked()
                        + " records after the verified checkpoint at size "
                        + p.size())
            .orElse("state: none stored for this shard, checked all " + o.checked() + " records");
    if (!ok || o.gateway().isEmpty()) {
      return checked + "; state not updated";
    }
    String gateway = o.gateway().get();
    Optional<LogVerifier.VerifiedPoint> keep;
    boolean witnessed = r.witness() != null;
    if (witnessed) {
      keep =
          r.witness()
              .witnessed()
              .map(w -> o.verified().get(w.treeSize()))
              .filter(p -> MessageDigest.isEqual(p.root(), r.witness().witnessed().get().root()));
    } else {
      keep = o.newest();
    }
    VerifiedStateFile.Shard before = next.get(gateway);
    if (keep.isEmpty() || (before != null && keep.get().size() < before.point().size())) {
      return checked
          + "; state kept at size "
          + (before == null ? 0 : before.point().size())
          + (witnessed ? " (no witnessed checkpoint newer than it)" : "");
    }
    next.put(gateway, new VerifiedStateFile.Shard(keep.get(), witnessed));
    return checked
        + "; now verified up to the "
        + (witnessed ? "witnessed " : "")
        + "checkpoint at size "
        + keep.get().size()
        + " of gateway "
        + gateway;
  }
}
