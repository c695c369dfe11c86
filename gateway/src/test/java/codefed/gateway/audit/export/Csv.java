package codefed.gateway.audit.export;

import java.util.ArrayList;
import java.util.List;

/** A minimal RFC 4180 line parser for tests (quoted fields, doubled quotes). */
final class Csv {
  private Csv() {}

  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote: " + line);
    }
    out.add(f.toString());
    return out;
  }
}
