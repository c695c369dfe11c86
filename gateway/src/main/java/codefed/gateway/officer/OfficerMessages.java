package codefed.gateway.officer;

import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * Every sentence a checkpoint officer reads, in one place: the {@code officer*.properties} bundles
 * of this package (English and Chinese), looked up by outcome, {@link DecisionCause} and {@link
 * Measure}. Clients in other languages localize the same wire codes the same way.
 */
public final class OfficerMessages {
  /** The languages with a bundle. */
  public enum Language {
    EN(Locale.ROOT),
    ZH(Locale.CHINESE);

    private final Locale locale;

    Language(Locale locale) {
      this.locale = locale;
    }

    /**
     * The officer's language from the environment's locale ({@code LC_ALL}, then {@code
     * LC_MESSAGES}, then {@code LANG}): Chinese for {@code zh*}, English otherwise.
     */
    public static Language fromEnvironment(Map<String, String> env) {
      for (String name : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
        String value = env.getOrDefault(name, "");
        if (!value.isEmpty()) {
          return value.toLowerCase(Locale.ROOT).startsWith("zh") ? ZH : EN;
        }
      }
      return EN;
    }
  }

  private final ResourceBundle bundle;

  private OfficerMessages(Language language) {
    // No fallback to the JVM's default locale: --lang en must give English on a Chinese desktop.
    this.bundle =
        ResourceBundle.getBundle(
            "codefed.gateway.officer.officer",
            language.locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  public static OfficerMessages of(Language language) {
    return new OfficerMessages(Objects.requireNonNull(language, "language"));
  }

  /** The outcome's headline, e.g. "REJECT — do not accept this code". */
  public String outcome(Outcome outcome) {
    return get("outcome." + suffix(outcome, "OUTCOME_"));
  }

  /** Why, in one sentence; {@code issuer} fills the sentences that name it. */
  public String why(DecisionCause cause, String issuer) {
    return format(get("cause." + suffix(cause, "DECISION_CAUSE_") + ".why"), issuer);
  }

  /** What to do about this cause, in one sentence. */
  public String todo(DecisionCause cause) {
    return get("cause." + suffix(cause, "DECISION_CAUSE_") + ".do");
  }

  /** A few words, for a table column. */
  public String shortWhy(DecisionCause cause) {
    return get("cause." + suffix(cause, "DECISION_CAUSE_") + ".short");
  }

  /** The measure spelled out. */
  public String measure(Measure measure) {
    return get("measure." + suffix(measure, "MEASURE_"));
  }

  /** A label or phrase by key ({@code label.why}, ...), arguments filling {0}, {1}, ... */
  public String label(String name, Object... args) {
    return format(get("label." + name), args);
  }

  /** A short age: "2 s", "3 min", "5 h" (or "2 秒", ...). */
  public String age(Duration age) {
    long s = Math.max(0, age.toSeconds());
    if (s < 120) {
      return format(get("unit.seconds"), s);
    }
    return s < 7200 ? format(get("unit.minutes"), s / 60) : format(get("unit.hours"), s / 3600);
  }

  private String get(String key) {
    return Optional.of(key).filter(bundle::containsKey).map(bundle::getString).orElse(key);
  }

  private static String suffix(Enum<?> value, String prefix) {
    String name = value.name();
    return name.startsWith(prefix) ? name.substring(prefix.length()) : "UNSPECIFIED";
  }

  /** {n} placeholders only: no MessageFormat quoting rules, no number grouping. */
  private static String format(String pattern, Object... args) {
    String out = pattern;
    for (int i = 0; i < args.length; i++) {
      out = out.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return out;
  }
}
