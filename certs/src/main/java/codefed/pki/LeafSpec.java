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
 * @param server whether the leaf may serve TLS: serverAuth and clientAuth; otherwise clientAuth
 *     only
 */
public record LeafSpec(
    String commonName,
    List<String> uris,
    List<String> dnsNames,
    List<String> ipAddresses,
    Instant notBefore,
    Instant notAfter,
    boolean server) {

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
    if (!server && (!dnsNames.isEmpty() || !ipAddresses.isEmpty())) {
      throw new IllegalArgumentException(
          "dnsNames/ipAddresses: "
              + dnsNames
              + " "
              + ipAddresses
              + " (expected: none on a client-only leaf)");
    }
  }

  /** A leaf that serves TLS and acts as a client (serverAuth and clientAuth). */
  public LeafSpec(
      String commonName,
      List<String> uris,
      List<String> dnsNames,
      List<String> ipAddresses,
      Instant notBefore,
      Instant notAfter) {
    this(commonName, uris, dnsNames, ipAddresses, notBefore, notAfter, true);
  }

  /**
   * The usual identity: one SPIFFE id. Servers (nodes, gateways) also get the loopback names and
   * {@code extraDnsNames}, so clients of any language that check host names accept them; client
   * roles get no host names at all.
   */
  public static LeafSpec forIdentity(
      SpiffeId id, List<String> extraDnsNames, Instant notBefore, Instant notAfter) {
    String cn = id.role().pathSegment() + " " + id.name();
    if (!id.role().isServer()) {
      return new LeafSpec(
          cn, List.of(id.toString()), List.of(), List.of(), notBefore, notAfter, false);
    }
    List<String> dns = new java.util.ArrayList<>(List.of("localhost"));
    dns.addAll(extraDnsNames);
    return new LeafSpec(
        cn, List.of(id.toString()), dns, List.of("127.0.0.1"), notBefore, notAfter, true);
  }
}
