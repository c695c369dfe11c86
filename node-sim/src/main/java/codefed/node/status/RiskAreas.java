package codefed.node.status;

import healthcode.federation.v1.RiskLevel;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The platform's table of area risk levels. Immutable; {@link #with} returns a new table.
 *
 * <p>A level set for a province (XX0000) or a prefecture (XXYY00) covers every county code inside
 * it, so "Hubei is a key epidemic area" is one entry; a county's level is the highest of its own,
 * its prefecture's and its province's. Areas never set are LOW.
 */
public final class RiskAreas {
  private static final RiskAreas EMPTY = new RiskAreas(Map.of());

  private final Map<String, RiskArea> areas;

  private RiskAreas(Map<String, RiskArea> areas) {
    this.areas = areas;
  }

  /** No area at risk. */
  public static RiskAreas none() {
    return EMPTY;
  }

  /** This table with these areas set (an area listed again takes the new level). */
  public RiskAreas with(Collection<RiskArea> changes) {
    Map<String, RiskArea> copy = new HashMap<>(areas);
    for (RiskArea area : changes) {
      copy.put(area.areaCode(), area);
    }
    return new RiskAreas(Map.copyOf(copy));
  }

  /** The effective level of an area (see the class comment). */
  public RiskLevel levelOf(String areaCode) {
    RiskLevel level = own(areaCode);
    if (isCounty(areaCode)) {
      level = max(level, own(areaCode.substring(0, 4) + "00"));
      level = max(level, own(areaCode.substring(0, 2) + "0000"));
    }
    return level;
  }

  /** The area's name as the platform gave it, or empty. */
  public String nameOf(String areaCode) {
    RiskArea area = areas.get(areaCode);
    return area == null ? "" : area.areaName();
  }

  /** How many areas have a level set. */
  public int size() {
    return areas.size();
  }

  /** The higher of two levels (UNSPECIFIED counts lowest). */
  public static RiskLevel max(RiskLevel a, RiskLevel b) {
    return a.getNumber() >= b.getNumber() ? a : b;
  }

  private RiskLevel own(String code) {
    RiskArea area = areas.get(code);
    return area == null ? RiskLevel.RISK_LEVEL_LOW : area.level();
  }

  private static boolean isCounty(String code) {
    if (code.length() != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      if (code.charAt(i) < '0' || code.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
