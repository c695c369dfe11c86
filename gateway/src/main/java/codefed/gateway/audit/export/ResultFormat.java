package codefed.gateway.audit.export;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a query result for people (an aligned table) or for programs (RFC 4180 CSV, JSON array of
 * objects).
 */
public enum ResultFormat {
  TABLE,
  CSV,
  JSON;

  public void print(DecisionsSql.Result r, PrintWriter out) {
    switch (this) {
      case TABLE -> table(r, out);
      case CSV -> csv(r, out);
      case JSON -> json(r, out);
    }
    out.flush();
  }

  private static void table(DecisionsSql.Result r, PrintWriter out) {
    int n = r.columns().size();
    int[] width = new int[n];
    boolean[] numeric = new boolean[n];
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      width[i] = r.columns().get(i).length();
      numeric[i] = !r.rows().isEmpty();
    }
    for (List<Object> row : r.rows()) {
      String[] line = new String[n];
      for (int i = 0; i < n; i++) {
        Object v = row.get(i);
        line[i] = v == null ? "NULL" : printable(text(v));
        width[i] = Math.max(width[i], line[i].length());
        numeric[i] &= v == null || v instanceof Number;
      }
      cells.add(line);
    }
    String[] header = r.columns().toArray(String[]::new);
    out.println(line(header, width, numeric));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.println(rule);
    for (String[] line : cells) {
      out.println(line(line, width, numeric));
    }
    out.println("(" + r.rows().size() + (r.rows().size() == 1 ? " row)" : " rows)"));
  }

  private static String line(String[] cells, int[] width, boolean[] right) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(width[i] - cells[i].length());
      b.append(i == 0 ? "" : " | ")
          .append(right[i] ? pad + cells[i] : cells[i] + (i == cells.length - 1 ? "" : pad));
    }
    return b.toString();
  }

  private static void csv(DecisionsSql.Result r, PrintWriter out) {
    out.print(
        r.columns().stream().map(ResultFormat::csvField).collect(Collectors.joining(",")) + "\r\n");
    for (List<Object> row : r.rows()) {
      out.print(
          row.stream().map(v -> v == null ? "" : csvField(text(v))).collect(Collectors.joining(","))
              + "\r\n");
    }
  }

  private static String csvField(String s) {
    if (s.isEmpty() || s.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  private static void json(DecisionsSql.Result r, PrintWriter out) {
    out.println("[");
    for (int k = 0; k < r.rows().size(); k++) {
      List<Object> row = r.rows().get(k);
      StringBuilder b = new StringBuilder("  {");
      for (int i = 0; i < row.size(); i++) {
        b.append(i == 0 ? "" : ", ")
            .append(jsonString(r.columns().get(i)))
            .append(": ")
            .append(jsonValue(row.get(i)));
      }
      out.println(b.append(k == r.rows().size() - 1 ? "}" : "},"));
    }
    out.println("]");
  }

  private static String jsonValue(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean
        || v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte
        || v instanceof BigInteger
        || v instanceof BigDecimal) {
      return v.toString();
    }
    if ((v instanceof Double || v instanceof Float)
        && Double.isFinite(((Number) v).doubleValue())) {
      return v.toString();
    }
    if (v instanceof List<?> list) {
      return list.stream().map(ResultFormat::jsonValue).collect(Collectors.joining(", ", "[", "]"));
    }
    return jsonString(text(v));
  }

  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Control characters as \\uXXXX, so that a hostile value cannot break or forge table lines. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  /** A value as text: lists as {@code [A, B]}, everything else by its own rendering. */
  private static String text(Object v) {
    if (v instanceof List<?> list) {
      return list.stream()
          .map(e -> e == null ? "NULL" : text(e))
          .collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof OffsetDateTime t) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }
    return v.toString();
  }
}
