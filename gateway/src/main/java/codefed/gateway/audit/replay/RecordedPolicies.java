package codefed.gateway.audit.replay;

import codefed.gateway.audit.PolicyArchive;
import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyException;
import codefed.gateway.policy.PolicyParser;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The policy versions a log's records refer to, read from the log's {@code policies/} archive by
 * hash and checked against it: a document that does not hash to what the record says is not the
 * policy the decision was made under.
 */
final class RecordedPolicies {
  private final Path logDir;
  private final Map<String, Policy> byHash = new HashMap<>();

  RecordedPolicies(Path logDir) {
    this.logDir = logDir;
  }

  /** The policy with this content hash; throws naming the hash if it is missing or altered. */
  synchronized Policy get(byte[] hash) throws ReplayException {
    String hex = HexFormat.of().formatHex(hash);
    Policy cached = byHash.get(hex);
    if (cached != null) {
      return cached;
    }
    String text;
    try {
      text =
          PolicyArchive.load(logDir, hash)
              .orElseThrow(
                  () ->
                      new ReplayException(
                          "policy " + hex + " is not in " + PolicyArchive.DIR_NAME + "/"));
    } catch (IOException | IllegalArgumentException e) {
      throw new ReplayException("policy " + hex + ": " + e.getMessage());
    }
    Policy policy;
    try {
      policy = PolicyParser.parse(PolicyArchive.DIR_NAME + "/" + hex + ".textproto", text);
    } catch (PolicyException e) {
      throw new ReplayException(
          "policy " + hex + " does not parse: " + String.join("; ", e.problems()));
    }
    if (!MessageDigest.isEqual(policy.contentHash(), hash)) {
      throw new ReplayException(
          "policy " + hex + ": the archived document hashes to " + policy.contentHashHex());
    }
    byHash.put(hex, policy);
    return policy;
  }

  synchronized int count() {
    return byHash.size();
  }
}
