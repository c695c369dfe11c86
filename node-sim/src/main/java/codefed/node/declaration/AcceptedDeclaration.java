package codefed.node.declaration;

import healthcode.federation.v1.Gender;
import healthcode.federation.v1.HealthAnswers;
import healthcode.federation.v1.IdType;
import healthcode.federation.v1.Language;
import healthcode.federation.v1.ProxyDeclarant;
import healthcode.federation.v1.Residence;
import healthcode.federation.v1.Travel;
import java.util.Optional;

/**
 * A declaration that passed {@link DeclarationValidator}: trimmed text, the ID number normalized
 * (upper-case X), exactly one of residence or travel.
 *
 * <p>It holds the plain name and ID number only while a code is being issued; {@link #toString()}
 * never shows them.
 */
public record AcceptedDeclaration(
    String name,
    IdType idType,
    String idNumber,
    String phone,
    Gender gender,
    Language language,
    Optional<ProxyDeclarant> proxy,
    HealthAnswers health,
    Optional<Residence> residence,
    Optional<Travel> travel) {

  /** Whether a relative declared on the holder's behalf (seed 004: 代他人填报). */
  public boolean proxyDeclared() {
    return proxy.isPresent();
  }

  @Override
  public String toString() {
    return "AcceptedDeclaration[idType="
        + idType
        + ", language="
        + language
        + ", proxy="
        + proxy.isPresent()
        + ", travel="
        + travel.isPresent()
        + "]";
  }
}
