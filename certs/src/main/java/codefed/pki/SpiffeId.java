package codefed.pki;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code spiffe://<trust-domain>/<role>/<name>}: the one URI SAN of every federation certificate.
 */
public record SpiffeId(String trustDomain, Role role, String name) {
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public SpiffeId {
    Objects.requireNonNull(role, "role");
    if (trustDomain == null || !DOMAIN.matcher(trustDomain).matches()) {
      throw new IllegalArgumentException(
          "trust domain: \"" + trustDomain + "\" (expected lower-case letters, digits, '.', '-')");
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: \"" + name + "\" (expected 1-64 of letters, digits, '.', '_', '-')");
    }
  }

  public URI toUri() {
    return URI.create(toString());
  }

  @Override
  public String toString() {
    return "spiffe://" + trustDomain + "/" + role.pathSegment() + "/" + name;
  }

  /**
   * Parses {@code spiffe://domain/role/name}; anything else is an {@link IllegalArgumentException}.
   */
  public static SpiffeId parse(String uri) {
    String prefix = "spiffe://";
    if (uri == null || !uri.startsWith(prefix)) {
      throw new IllegalArgumentException("not a SPIFFE id: " + uri);
    }
    String[] parts = uri.substring(prefix.length()).split("/", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "SPIFFE id must be spiffe://<domain>/<role>/<name>: " + uri);
    }
    return new SpiffeId(parts[0], Role.fromPathSegment(parts[1]), parts[2]);
  }
}
