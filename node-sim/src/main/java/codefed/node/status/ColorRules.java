package codefed.node.status;

import static healthcode.federation.v1.Reason.REASON_CLOSE_CONTACT;
import static healthcode.federation.v1.Reason.REASON_CONFIRMED;
import static healthcode.federation.v1.Reason.REASON_CONTACT_WITH_FEBRILE_PERSON;
import static healthcode.federation.v1.Reason.REASON_CROSS_CITY_TRAVEL;
import static healthcode.federation.v1.Reason.REASON_FEVER_OR_RESPIRATORY_SYMPTOMS;
import static healthcode.federation.v1.Reason.REASON_FROM_HIGHER_RISK_COUNTY;
import static healthcode.federation.v1.Reason.REASON_FROM_KEY_EPIDEMIC_AREA;
import static healthcode.federation.v1.Reason.REASON_SAME_BUILDING_AS_CASE;
import static healthcode.federation.v1.Reason.REASON_SUSPECTED;
import static healthcode.federation.v1.Reason.REASON_UNDER_QUARANTINE;
import static healthcode.federation.v1.Reason.REASON_WHITELISTED;

import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The color criteria of seed 003 (山西“健康码”管理办法, 二、认定标准). The color is a pure function of the reason
 * set.
 *
 * <ul>
 *   <li>RED (红码): confirmed, suspected, close contact, under central or home quarantine, arriving
 *       via a key epidemic area (经停湖北等重点疫区).
 *   <li>YELLOW (黄码): fever / shortness of breath / respiratory symptoms, contact with a febrile or
 *       respiratory patient, same stairwell as a case or close contact, travel across
 *       prefecture-level cities, arriving from a higher-risk county outside the province.
 *   <li>GREEN (绿码): on the province's whitelist, or none of the above.
 * </ul>
 *
 * <p><b>Whitelist versus red and yellow.</b> The seed lists the whitelist under green without
 * saying which wins. Here a RED reason always wins over the whitelist, and the whitelist wins over
 * YELLOW reasons: the whitelist exempts people whose work requires travel or contact (the yellow
 * criteria), but no list can make a confirmed case, a suspected case, a close contact, a person in
 * quarantine or an arrival from a key epidemic area pass as green. The seed's "other persons to be
 * managed as red/yellow" have no reason value; the health authority expresses them with the nearest
 * listed reason through {@code UpdateStatus}.
 */
public final class ColorRules {
  private static final Set<Reason> RED =
      Collections.unmodifiableSet(
          EnumSet.of(
              REASON_CONFIRMED,
              REASON_SUSPECTED,
              REASON_CLOSE_CONTACT,
              REASON_UNDER_QUARANTINE,
              REASON_FROM_KEY_EPIDEMIC_AREA));
  private static final Set<Reason> YELLOW =
      Collections.unmodifiableSet(
          EnumSet.of(
              REASON_FEVER_OR_RESPIRATORY_SYMPTOMS,
              REASON_CONTACT_WITH_FEBRILE_PERSON,
              REASON_SAME_BUILDING_AS_CASE,
              REASON_CROSS_CITY_TRAVEL,
              REASON_FROM_HIGHER_RISK_COUNTY));

  private ColorRules() {}

  /** The color a holder with exactly these reasons gets. */
  public static Color colorOf(Set<Reason> reasons) {
    for (Reason reason : reasons) {
      if (RED.contains(reason)) {
        return Color.COLOR_RED;
      }
    }
    if (reasons.contains(REASON_WHITELISTED)) {
      return Color.COLOR_GREEN;
    }
    for (Reason reason : reasons) {
      if (YELLOW.contains(reason)) {
        return Color.COLOR_YELLOW;
      }
    }
    return Color.COLOR_GREEN;
  }

  /** The color a single reason stands for in seed 003's list. */
  public static Color colorOf(Reason reason) {
    if (RED.contains(reason)) {
      return Color.COLOR_RED;
    }
    if (YELLOW.contains(reason)) {
      return Color.COLOR_YELLOW;
    }
    if (reason == REASON_WHITELISTED) {
      return Color.COLOR_GREEN;
    }
    throw new IllegalArgumentException("reason: " + reason + " (expected: a seed-003 reason)");
  }

  /** The reasons that make a code red. */
  public static Set<Reason> redReasons() {
    return RED;
  }

  /** The reasons that make a code yellow (unless whitelisted). */
  public static Set<Reason> yellowReasons() {
    return YELLOW;
  }
}
