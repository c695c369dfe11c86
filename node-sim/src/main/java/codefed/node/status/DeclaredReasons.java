package codefed.node.status;

import codefed.node.declaration.AcceptedDeclaration;
import healthcode.federation.v1.HealthAnswers;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.Travel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a declaration (seed 004 form) says in terms of seed 003's criteria.
 *
 * <ul>
 *   <li>contact with a confirmed or suspected case → {@code CLOSE_CONTACT} (RED);
 *   <li>fever ≥ 37.3 °C or dry cough → {@code FEVER_OR_RESPIRATORY_SYMPTOMS} (YELLOW); fatigue
 *       alone is not among seed 003's criteria and changes nothing;
 *   <li>contact with a febrile person → {@code CONTACT_WITH_FEBRILE_PERSON} (YELLOW);
 *   <li>travel whose origin and destination lie in different prefecture-level cities, or from
 *       abroad, or an overseas stay in the last 14 days → {@code CROSS_CITY_TRAVEL} (YELLOW:
 *       有跨设区市旅居经历 — a stay abroad is necessarily one);
 *   <li>the domestic origin and any 6-digit area code in the transit field (经停) are {@linkplain
 *       #originAreas origin areas}: their risk level, looked up when the color is computed, yields
 *       {@code FROM_KEY_EPIDEMIC_AREA} or {@code FROM_HIGHER_RISK_COUNTY}.
 * </ul>
 */
public final class DeclaredReasons {
  private static final Pattern AREA = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");

  private DeclaredReasons() {}

  /** Reasons that follow from the answers and the travel, independent of risk areas. */
  public static Set<Reason> of(AcceptedDeclaration declaration) {
    Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    HealthAnswers health = declaration.health();
    if (health.getContactWithConfirmedOrSuspected()) {
      reasons.add(Reason.REASON_CLOSE_CONTACT);
    }
    if (health.getFever() || health.getDryCough()) {
      reasons.add(Reason.REASON_FEVER_OR_RESPIRATORY_SYMPTOMS);
    }
    if (health.getContactWithFebrilePerson()) {
      reasons.add(Reason.REASON_CONTACT_WITH_FEBRILE_PERSON);
    }
    if (health.getOverseasTravel()
        || declaration.travel().map(DeclaredReasons::crossesCities).orElse(false)) {
      reasons.add(Reason.REASON_CROSS_CITY_TRAVEL);
    }
    return reasons;
  }

  /** Areas the holder came from or through, whose risk level affects the color. */
  public static List<String> originAreas(AcceptedDeclaration declaration) {
    if (declaration.travel().isEmpty()) {
      return List.of();
    }
    Travel travel = declaration.travel().get();
    Set<String> areas = new LinkedHashSet<>();
    if (!travel.getOriginAreaCode().isEmpty()) {
      areas.add(travel.getOriginAreaCode());
    }
    Matcher m = AREA.matcher(travel.getTransit());
    while (m.find()) {
      areas.add(m.group());
    }
    return new ArrayList<>(areas);
  }

  private static boolean crossesCities(Travel travel) {
    if (!travel.getOriginCountry().equals("CN")) {
      return true;
    }
    return !travel.getOriginAreaCode().regionMatches(0, travel.getDestinationAreaCode(), 0, 4);
  }
}
