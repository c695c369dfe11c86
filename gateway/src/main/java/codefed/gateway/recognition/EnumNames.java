package codefed.gateway.recognition;

import java.util.Locale;

/**
 * The design's names of proto enum values: {@code COLOR_GREEN} is {@code GREEN}, {@code
 * CHECKPOINT_TYPE_PUBLIC_PLACE} is {@code PUBLIC_PLACE} (the enum-name prefix stripped).
 */
public final class EnumNames {
  private EnumNames() {}

  public static String designName(Enum<?> value) {
    String prefix = prefix(value.getDeclaringClass());
    String n = value.name();
    return n.startsWith(prefix) ? n.substring(prefix.length()) : n;
  }

  /**
   * The value of {@code type} named {@code name}, with or without the prefix.
   *
   * @throws IllegalArgumentException naming the value and the type
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String name) {
    String prefix = prefix(type);
    String upper = name.strip().toUpperCase(Locale.ROOT);
    String full = upper.startsWith(prefix) ? upper : prefix + upper;
    try {
      E value = Enum.valueOf(type, full);
      if (value.name().endsWith("_UNSPECIFIED") || value.name().equals("UNRECOGNIZED")) {
        throw new IllegalArgumentException(name);
      }
      return value;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + name + "\" is not a " + type.getSimpleName(), e);
    }
  }

  private static String prefix(Class<?> type) {
    String simple = type.getSimpleName();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < simple.length(); i++) {
      char c = simple.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        out.append('_');
      }
      out.append(Character.toUpperCase(c));
    }
    return out.append('_').toString();
  }
}
