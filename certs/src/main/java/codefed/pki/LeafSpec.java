package codefed.pki;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What goes into a leaf certificate. Federation identities have exactly one URI SAN; the
 * constructor allows zero or several so tests can make the certificates the interceptor must
 * refuse.
 *
 * @param uris URI SANs (normally one SPIFFE id)
 * @param dnsNames DNS SANs (servers: {@code localhost} and real host names)
 * @param ipAddresses IP SANs (servers: {@code 127.0.0.1})
 */
public record LeafSpec(
    String commonName,
    List<String> uris,
    List<String> dnsNames,
    List<String> ipAddresses,
    Instant notBefore,
    Instant notAfter) {

  public LeafSpec {
    Objects.requireNonNull(commonName, "commonName");
    uris = List.copyOf(uris);
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException(
          "notAfter: " + notAfter + " (expected: after notBefore " + notBefore + ")");
    }
  }

  /** The usual identity: one SPIFFE id, loopback SANs so local clients of any language accept it. */
  public static LeafSpec forIdentity(SpiffeId id, List<String> extraDnsNames, Instant notBefore, Instant notAfter) {
    List<String> dns = new java.util.ArrayList<>(List.of("localhost"));
    dns.addAll(extraDnsNames);
    return new LeafSpec(
        id.role().pathSegment() + " " + id.name(),
        List.of(id.toString()), dns, List.of("127.0.0.1"), notBefore, notAfter);
  }
}
