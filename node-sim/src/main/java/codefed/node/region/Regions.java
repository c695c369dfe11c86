package codefed.node.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GB/T 2260 area codes known to the node (bundled resource {@code regions.csv}): all 31
 * province-level divisions and a few real counties of each.
 */
public final class Regions {
  private static final Regions BUNDLED = load();

  private final Map<String, String> names;

  private Regions(Map<String, String> names) {
    this.names = Collections.unmodifiableMap(names);
  }

  /** The bundled table. */
  public static Regions bundled() {
    return BUNDLED;
  }

  /** Whether {@code code} is a 6-digit province-level code (XX0000) in GB/T 2260. */
  public boolean isProvince(String code) {
    return code != null && code.length() == 6 && code.endsWith("0000") && names.containsKey(code);
  }

  /**
   * Whether {@code code} is six digits whose first two name a known province (the region prefix of
   * a resident ID number or an area code).
   */
  public boolean hasKnownProvincePrefix(String code) {
    if (code == null || code.length() < 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      if (code.charAt(i) < '0' || code.charAt(i) > '9') {
        return false;
      }
    }
    return names.containsKey(code.substring(0, 2) + "0000");
  }

  /**
   * The bundled counties of a province (codes below XX0000), in file order. The national platform
   * ({@code NATIONAL}) is a province-like issuer whose residents live anywhere: every bundled
   * county.
   */
  public List<String> countiesOf(String province) {
    if (codefed.code.Issuers.NATIONAL.equals(province)) {
      return names.keySet().stream().filter(c -> !c.endsWith("0000")).toList();
    }
    if (!isProvince(province)) {
      throw new IllegalArgumentException(
          "province: " + province + " (expected: a GB/T 2260 province code)");
    }
    String prefix = province.substring(0, 2);
    List<String> counties = new ArrayList<>();
    for (String code : names.keySet()) {
      if (code.startsWith(prefix) && !code.equals(province)) {
        counties.add(code);
      }
    }
    return counties;
  }

  /** Every bundled province code, in file order. */
  public List<String> provinces() {
    return names.keySet().stream().filter(c -> c.endsWith("0000")).toList();
  }

  /** The Chinese name of a bundled code. */
  public Optional<String> name(String code) {
    return Optional.ofNullable(names.get(code));
  }

  private static Regions load() {
    try (InputStream in = Regions.class.getResourceAsStream("/codefed/node/regions.csv")) {
      if (in == null) {
        throw new IllegalStateException("resource /codefed/node/regions.csv missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> names = new LinkedHashMap<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("code,")) {
          continue;
        }
        int comma = line.indexOf(',');
        names.put(line.substring(0, comma), line.substring(comma + 1));
      }
      return new Regions(names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
