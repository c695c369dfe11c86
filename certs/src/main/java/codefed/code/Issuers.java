package codefed.code;

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

/**
 * The issuers a code can name: the GB/T 2260 province-level codes (bundled {@code
 * codefed/code/provinces.csv}) and the national platform, {@link #NATIONAL}.
 */
public final class Issuers {
  /** The national platform, a province-like issuer. */
  public static final String NATIONAL = "NATIONAL";

  private static final String RESOURCE = "provinces.csv";
  private static final Map<String, String[]> PROVINCES = load();

  private Issuers() {}

  /** Whether {@code code} is a GB/T 2260 province-level code. */
  public static boolean isProvince(String code) {
    return PROVINCES.containsKey(code);
  }

  /** Whether {@code code} is a province or {@link #NATIONAL}. */
  public static boolean isKnown(String code) {
    return NATIONAL.equals(code) || isProvince(code);
  }

  /**
   * The Chinese name of an issuer, e.g. {@code "山西省"} for 140000.
   *
   * @throws IllegalArgumentException if the issuer is unknown
   */
  public static String name(String code) {
    return names(code)[0];
  }

  /** The English name of an issuer, e.g. {@code "Shanxi"} for 140000. */
  public static String englishName(String code) {
    return names(code)[1];
  }

  /** The province codes in list order. */
  public static List<String> provinces() {
    return List.copyOf(PROVINCES.keySet());
  }

  /** Every issuer: the provinces, then {@link #NATIONAL}. */
  public static List<String> all() {
    List<String> all = new ArrayList<>(PROVINCES.keySet());
    all.add(NATIONAL);
    return Collections.unmodifiableList(all);
  }

  private static String[] names(String code) {
    if (NATIONAL.equals(code)) {
      return new String[] {"全国", "National"};
    }
    String[] names = PROVINCES.get(code);
    if (names == null) {
      throw new IllegalArgumentException(
          "issuer: " + code + " (expected: a GB/T 2260 province code or " + NATIONAL + ")");
    }
    return names;
  }

  private static Map<String, String[]> load() {
    try (InputStream in = Issuers.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource missing: codefed/code/" + RESOURCE);
      }
      Map<String, String[]> provinces = new LinkedHashMap<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine(); // header: code,name_zh,name_en
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        if (fields.length != 3 || !fields[0].matches("\\d{6}")) {
          throw new IllegalStateException("codefed/code/" + RESOURCE + ": bad line: " + line);
        }
        provinces.put(fields[0], new String[] {fields[1], fields[2]});
      }
      return Collections.unmodifiableMap(provinces);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
