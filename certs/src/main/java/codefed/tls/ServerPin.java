package codefed.tls;

import codefed.pki.GatewayFleet;
import codefed.pki.Role;
import codefed.pki.SpiffeId;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which server identities a client accepts after the certificate chain itself is valid: exactly one
 * (a node answers only for its own province), or any gateway of one jurisdiction's fleet (a
 * checkpoint fails over between the gateways of its province, never to another province's).
 *
 * @param description what is expected, for the handshake's refusal message
 */
public record ServerPin(String description, Predicate<SpiffeId> accepts) {
  public ServerPin {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(accepts, "accepts");
  }

  /** Exactly {@code id}. */
  public static ServerPin exactly(SpiffeId id) {
    return new ServerPin(id.toString(), id::equals);
  }

  /**
   * Any gateway of {@code jurisdiction} in {@code trustDomain}: {@code gateway/J} or {@code
   * gateway/J-<member>} ({@link GatewayFleet}). Checkpoints, nodes and other jurisdictions'
   * gateways are refused.
   */
  public static ServerPin gatewayFleet(String trustDomain, String jurisdiction) {
    Objects.requireNonNull(trustDomain, "trustDomain");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    return new ServerPin(
        "spiffe://"
            + trustDomain
            + "/gateway/"
            + jurisdiction
            + " or spiffe://"
            + trustDomain
            + "/gateway/"
            + jurisdiction
            + "-<member>",
        id ->
            id.role() == Role.GATEWAY
                && id.trustDomain().equals(trustDomain)
                && GatewayFleet.isMember(jurisdiction, id.name()));
  }

  public boolean test(SpiffeId id) {
    return accepts.test(id);
  }

  @Override
  public String toString() {
    return description;
  }
}
