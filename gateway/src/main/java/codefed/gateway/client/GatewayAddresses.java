package codefed.gateway.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The gateways a checkpoint may send a scan to: {@code host:port} entries from repeated or
 * comma-separated options. One entry is an ordinary gRPC target (a DNS name with several records is
 * spread over by round robin, too); several become a {@code gateways:///a:1,b:2} target that {@link
 * AddressListResolverProvider} resolves.
 */
public record GatewayAddresses(List<String> entries) {
  public GatewayAddresses {
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(
          "--gateway: missing (expected: HOST:PORT, repeatable or comma-separated)");
    }
    for (String e : entries) {
      int colon = e.lastIndexOf(':');
      if (colon <= 0
          || colon == e.length() - 1
          || !e.substring(colon + 1).chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("--gateway: \"" + e + "\" (expected: HOST:PORT)");
      }
      int port = Integer.parseInt(e.substring(colon + 1));
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException(
            "--gateway: \"" + e + "\" (expected: a port in 1..65535)");
      }
    }
  }

  /**
   * Splits each option value at commas and drops blanks: {@code a:1,b:2} and {@code --gateway b:2}
   * alike.
   */
  public static GatewayAddresses parse(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return new GatewayAddresses(out);
  }

  /** The gRPC target: the entry itself when there is one, else the address list. */
  public String target() {
    return entries.size() == 1
        ? entries.get(0)
        : AddressListResolverProvider.SCHEME + ":///" + String.join(",", entries);
  }

  @Override
  public String toString() {
    return String.join(",", entries);
  }
}
