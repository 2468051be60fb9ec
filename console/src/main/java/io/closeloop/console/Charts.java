package io.closeloop.console;

import java.util.List;
import java.util.Locale;

/**
 * Small bar charts as inline SVG, drawn on the server: no script, printable, readable by screen readers through
 * their title and a text alternative listing every value.
 */
public final class Charts {

    public enum Scale { SHARE, DAYS, COUNT }

    public record Bar(String label, Double value) {
    }

    private static final int WIDTH = 480;
    private static final int HEIGHT = 180;
    private static final int LEFT = 36;
    private static final int BOTTOM = 28;
    private static final int TOP = 18;

    private Charts() {
    }

    public static String bars(String title, List<Bar> bars, Scale scale, String tone) {
        double max = scale == Scale.SHARE ? 1.0 : Math.max(1.0, bars.stream()
                .filter(b -> b.value() != null).mapToDouble(Bar::value).max().orElse(1.0));
        // Counts and days get whole-number ticks: the top of the scale is a multiple of the four steps.
        max = scale == Scale.SHARE ? max : Math.max(4, Math.ceil(niceCeiling(max) / 4) * 4);
        int plot = HEIGHT - TOP - BOTTOM;
        double slot = (WIDTH - LEFT - 8) / (double) Math.max(1, bars.size());
        double barWidth = Math.min(44, slot * 0.62);
        StringBuilder alt = new StringBuilder();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart %s\" viewBox=\"0 0 %d %d\" role=\"img\" "
                + "aria-labelledby=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">", tone, WIDTH, HEIGHT, id(title)));
        for (int tick = 0; tick <= 4; tick++) {
            double value = max * tick / 4;
            double y = TOP + plot - plot * tick / 4.0;
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT, WIDTH - 4, y, y, LEFT - 6, y + 4, format(value, scale)));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double x = LEFT + slot * i + (slot - barWidth) / 2;
            svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
                    + "%s</text>", x + barWidth / 2, HEIGHT - 8, escape(bar.label())));
            alt.append(alt.isEmpty() ? "" : "; ").append(bar.label()).append(": ")
                    .append(bar.value() == null ? "none" : format(bar.value(), scale));
            if (bar.value() == null) {
                svg.append(String.format(Locale.ROOT, "<text class=\"none\" x=\"%.1f\" y=\"%d\" "
                        + "text-anchor=\"middle\">–</text>", x + barWidth / 2, TOP + plot - 4));
                continue;
            }
            double h = Math.max(1.5, plot * Math.min(1.0, bar.value() / max));
            double y = TOP + plot - h;
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    + "height=\"%.1f\" rx=\"3\"/><text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
                    + "%s</text>", x, y, barWidth, h, x + barWidth / 2, y - 4, format(bar.value(), scale)));
        }
        svg.append(String.format(Locale.ROOT, "<title id=\"%s\">%s. %s</title></svg>", id(title), escape(title),
                escape(alt.toString())));
        return svg.toString();
    }

    static String format(double value, Scale scale) {
        return switch (scale) {
            case SHARE -> Math.round(value * 100) + "%";
            case DAYS -> value < 10 && value != Math.rint(value) ? String.format(Locale.ROOT, "%.1f", value)
                    : Long.toString(Math.round(value));
            case COUNT -> Long.toString(Math.round(value));
        };
    }

    private static double niceCeiling(double max) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 4, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String id(String title) {
        return "chart-" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
