package codefed.node.registry;

import java.util.Objects;

/**
 * What the node keeps about a code's holder: only the masked identity shown at checkpoints for the
 * person-code check, and who declared on the holder's behalf (seed 004: relatives declare for the
 * elderly and children). The plain name and ID number are never stored.
 *
 * @param proxyDeclarant for a proxy declaration, the declarant's masked name and relationship (e.g.
 *     {@code "李* (孙子)"}); empty when the holder declared themselves
 */
public record Holder(String maskedName, String maskedIdNumber, String proxyDeclarant) {
  public Holder {
    Objects.requireNonNull(maskedName, "maskedName");
    Objects.requireNonNull(maskedIdNumber, "maskedIdNumber");
    Objects.requireNonNull(proxyDeclarant, "proxyDeclarant");
  }

  /** A holder who declared themselves. */
  public static Holder self(String maskedName, String maskedIdNumber) {
    return new Holder(maskedName, maskedIdNumber, "");
  }

  /** Whether a relative declared on the holder's behalf. */
  public boolean proxyDeclared() {
    return !proxyDeclarant.isEmpty();
  }
}
