package codefed.pki;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The naming rule that lets several gateways serve one jurisdiction and still be told apart: a
 * gateway of jurisdiction {@code J} is named {@code J} (a single gateway) or {@code J-<member>}
 * where the member is 1–16 lower-case letters or digits ({@code 150000-a}, {@code 150000-b2}). The
 * SPIFFE name is the gateway's identity (its audit shard, its signing key); the jurisdiction is
 * what its checkpoints pin. {@code 1500001} or {@code 150000.a} belong to no fleet of 150000.
 */
public final class GatewayFleet {
  private static final Pattern MEMBER = Pattern.compile("[a-z0-9]{1,16}");

  private GatewayFleet() {}

  /** Whether {@code gatewayName} is a gateway of {@code jurisdiction}'s fleet. */
  public static boolean isMember(String jurisdiction, String gatewayName) {
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    if (gatewayName == null) {
      return false;
    }
    if (gatewayName.equals(jurisdiction)) {
      return true;
    }
    String prefix = jurisdiction + "-";
    return gatewayName.startsWith(prefix)
        && MEMBER.matcher(gatewayName.substring(prefix.length())).matches();
  }

  /** The name of member {@code member} of {@code jurisdiction}'s fleet, e.g. {@code 150000-a}. */
  public static String memberName(String jurisdiction, String member) {
    if (member == null || !MEMBER.matcher(member).matches()) {
      throw new IllegalArgumentException(
          "member: \"" + member + "\" (expected: 1-16 lower-case letters or digits)");
    }
    return jurisdiction + "-" + member;
  }
}
