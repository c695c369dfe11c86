package codefed.pki;

import java.util.Locale;

/** The part a federation member plays; the second segment of its SPIFFE id. */
public enum Role {
  /** A province's node (name = province code or NATIONAL). */
  NODE,
  /** A recognizing jurisdiction's gateway. */
  GATEWAY,
  /** A traffic checkpoint, public place or hospital scanner. */
  CHECKPOINT,
  /** Reads and verifies audit logs. */
  AUDITOR,
  /** A provincial platform: issues codes and changes their status at its node. */
  PLATFORM;

  /**
   * Whether this role answers TLS connections (nodes, gateways). Servers get serverAuth and host
   * names in their certificates; the others are clients only: clientAuth and no host names, so a
   * stolen scanner key cannot pose as a gateway.
   */
  public boolean isServer() {
    return this == NODE || this == GATEWAY;
  }

  /** Lower-case path segment, e.g. {@code node}. */
  public String pathSegment() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a path segment; {@link IllegalArgumentException} names the bad value. */
  public static Role fromPathSegment(String segment) {
    for (Role r : values()) {
      if (r.pathSegment().equals(segment)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "role: \"" + segment + "\" (expected one of node, gateway, checkpoint, auditor, platform)");
  }
}
