package codefed.node.issuance;

import codefed.code.Masking;
import codefed.node.declaration.AcceptedDeclaration;
import codefed.node.registry.CodeId;
import codefed.node.registry.CodeRecord;
import codefed.node.registry.Holder;
import codefed.node.status.DeclaredReasons;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.ProxyDeclarant;
import healthcode.federation.v1.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/** Turns an accepted declaration into the record the node stores (masked identity only). */
public final class CodeRecords {
  /** Seeds 001 and 004: a code is valid for 14 days (绿码有效期为14天). */
  public static final Duration VALIDITY = Duration.ofDays(14);

  private CodeRecords() {}

  /**
   * The record of a new code. {@code issuedAt} is truncated to the millisecond, the precision the
   * node stores, so the signed payload and the record agree.
   */
  public static CodeRecord of(
      AcceptedDeclaration declaration, CodeId id, Instant issuedAt, Set<Reason> findings) {
    Instant issued = issuedAt.truncatedTo(ChronoUnit.MILLIS);
    return new CodeRecord(
        id,
        holder(declaration),
        issued,
        issued.plus(VALIDITY),
        CodeState.CODE_STATE_ACTIVE,
        DeclaredReasons.of(declaration),
        findings,
        DeclaredReasons.originAreas(declaration),
        List.of());
  }

  static Holder holder(AcceptedDeclaration d) {
    String declarant = d.proxy().map(CodeRecords::describe).orElse("");
    return new Holder(Masking.maskName(d.name()), Masking.maskIdNumber(d.idNumber()), declarant);
  }

  private static String describe(ProxyDeclarant proxy) {
    return Masking.maskName(proxy.getName()) + " (" + proxy.getRelationship() + ")";
  }
}
