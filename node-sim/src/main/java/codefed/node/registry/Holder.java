package codefed.node.registry;

import java.util.Objects;

/**
 * What the node keeps about a code's holder: only the masked identity shown at checkpoints
 * for the person-code check, and whether a relative declared on the holder's behalf.
 * The plain name and ID number are never stored.
 */
public record Holder(String maskedName, String maskedIdNumber, boolean proxyDeclared) {
  public Holder {
    Objects.requireNonNull(maskedName, "maskedName");
    Objects.requireNonNull(maskedIdNumber, "maskedIdNumber");
  }
}
