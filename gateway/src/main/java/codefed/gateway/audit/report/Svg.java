package codefed.gateway.audit.report;

import java.util.List;
import java.util.Locale;

/** Small inline-SVG chart primitives: no scripts, no external resources. */
final class Svg {
  static final int WIDTH = 960;
  static final int LEFT = 56;
  static final int RIGHT = 16;
  static final int TOP = 16;

  /** One coloured part of a bar. */
  record Part(double value, String color, String title) {}

  private Svg() {}

  /** Vertical stacked bars, one per label. */
  static String stackedBars(List<String> labels, List<List<Part>> bars, int height, String yLabel) {
    double max = 1;
    for (List<Part> bar : bars) {
      max = Math.max(max, bar.stream().mapToDouble(Part::value).sum());
    }
    max = niceCeiling(max);
    int bottom = bottom(labels);
    StringBuilder s = open(height);
    axes(s, height, bottom, max, yLabel, false);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = height - TOP - bottom;
    double slot = (double) plotW / Math.max(1, bars.size());
    double barW = Math.max(1, Math.min(64, slot * 0.8));
    int labelEvery = Math.max(1, (int) Math.ceil(bars.size() / 24.0));
    for (int i = 0; i < bars.size(); i++) {
      double x = LEFT + i * slot + (slot - barW) / 2;
      double y = TOP + plotH;
      for (Part p : bars.get(i)) {
        if (p.value() <= 0) {
          continue;
        }
        double h = p.value() / max * plotH;
        y -= h;
        s.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                x,
                y,
                barW,
                h,
                p.color(),
                Html.escape(p.title())));
      }
      if (i % labelEvery == 0) {
        s.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-35 %.1f %d)\">%s</text>",
                x + barW / 2,
                height - bottom + 14,
                x + barW / 2,
                height - bottom + 14,
                Html.escape(labels.get(i))));
      }
    }
    return s.append("</svg>").toString();
  }

  /** A line of percentages (0–100) per label; NaN leaves a gap. */
  static String percentLine(
      List<String> labels, double[] percent, String color, int height, String yLabel) {
    int bottom = bottom(labels);
    StringBuilder s = open(height);
    axes(s, height, bottom, 100, yLabel, true);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = height - TOP - bottom;
    double slot = (double) plotW / Math.max(1, percent.length);
    StringBuilder path = new StringBuilder();
    boolean pen = false;
    int labelEvery = Math.max(1, (int) Math.ceil(percent.length / 24.0));
    for (int i = 0; i < percent.length; i++) {
      double x = LEFT + i * slot + slot / 2;
      if (Double.isNaN(percent[i])) {
        pen = false;
      } else {
        double y = TOP + plotH - percent[i] / 100 * plotH;
        path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        pen = true;
        s.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s: %.1f%%</title></circle>",
                x,
                y,
                color,
                Html.escape(labels.get(i)),
                percent[i]));
      }
      if (i % labelEvery == 0) {
        s.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-35 %.1f %d)\">%s</text>",
                x,
                height - bottom + 14,
                x,
                height - bottom + 14,
                Html.escape(labels.get(i))));
      }
    }
    if (path.length() > 0) {
      s.append("<path d=\"")
          .append(path.toString().trim())
          .append("\" fill=\"none\" stroke=\"")
          .append(color)
          .append("\" stroke-width=\"2\"/>");
    }
    return s.append("</svg>").toString();
  }

  private static StringBuilder open(int height) {
    return new StringBuilder(
        String.format(
            Locale.ROOT,
            "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
            WIDTH,
            height,
            WIDTH,
            height));
  }

  /** Room under the plot for labels rotated by 35°: about 6 px per character, sin 35° ≈ 0.57. */
  private static int bottom(List<String> labels) {
    int longest = labels.stream().mapToInt(String::length).max().orElse(0);
    return 24 + (int) Math.ceil(longest * 6 * 0.6);
  }

  private static void axes(
      StringBuilder s, int height, int bottom, double max, String yLabel, boolean percent) {
    int plotH = height - TOP - bottom;
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double y = TOP + plotH - (double) plotH * i / 4;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
              LEFT,
              y,
              WIDTH - RIGHT,
              y,
              LEFT - 6,
              y + 3,
              percent
                  ? String.format(Locale.ROOT, "%.0f%%", v)
                  : String.format(Locale.ROOT, "%.0f", v)));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"12\" y=\"%d\" font-size=\"11\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
            TOP + plotH / 2,
            TOP + plotH / 2,
            Html.escape(yLabel)));
  }

  /** 1, 2, 5 × 10^k at or above v. */
  static double niceCeiling(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
