package codefed.gateway.recognition;

import java.util.Locale;

/**
 * The design's names of proto enum values: {@code COLOR_GREEN} is {@code GREEN}, {@code
 * CHECKPOINT_TYPE_PUBLIC_PLACE} is {@code PUBLIC_PLACE} (the enum-name prefix stripped).
 */
public final class EnumNames {
  /** Each enum type's design names by ordinal, computed once (every answer needs several). */
  private static final ClassValue<String[]> DESIGN_NAMES =
      new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
          String prefix = prefix(type);
          Object[] values = type.getEnumConstants();
          String[] names = new String[values.length];
          for (int i = 0; i < values.length; i++) {
            String n = ((Enum<?>) values[i]).name();
            names[i] = n.startsWith(prefix) ? n.substring(prefix.length()) : n;
          }
          return names;
        }
      };

  private EnumNames() {}

  public static String designName(Enum<?> value) {
    return DESIGN_NAMES.get(value.getDeclaringClass())[value.ordinal()];
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
