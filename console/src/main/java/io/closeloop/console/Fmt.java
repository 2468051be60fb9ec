package io.closeloop.console;

import io.quarkus.qute.TemplateExtension;
import java.time.LocalDate;
import java.util.Locale;

/** How values read on a page: {@code fmt:label(...)}, {@code fmt:when(...)}, {@code fmt:tone(...)}. */
@TemplateExtension(namespace = "fmt")
public final class Fmt {

    private Fmt() {
    }

    /** {@code MISSED_SUPERVISION} reads "Missed supervision". */
    static String label(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString().replace('_', ' ').toLowerCase(Locale.ROOT);
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** An ISO instant as "2026-11-28 06:10 UTC"; a date stays a date. */
    static String when(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.length() >= 16 && text.charAt(10) == 'T') {
            return text.substring(0, 10) + " " + text.substring(11, 16) + " UTC";
        }
        return text;
    }

    /** Just the day of an ISO instant or date. */
    static String day(Object value) {
        return value == null ? "" : value.toString().substring(0, Math.min(10, value.toString().length()));
    }

    /** A fraction as a percentage, "0.8125" reads "81%". */
    static String pct(Object value) {
        if (!(value instanceof Number n)) {
            return "–";
        }
        return Math.round(n.doubleValue() * 100) + "%";
    }

    static String num(Object value) {
        if (!(value instanceof Number n)) {
            return value == null ? "–" : value.toString();
        }
        double d = n.doubleValue();
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    /** True when an ISO date lies before today (UTC): a due date that has passed. */
    static boolean past(Object date) {
        return date != null && LocalDate.parse(day(date)).isBefore(LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /** The name a service gives a field of a control failure row: {@code controlFailures[0].owner}. */
    static String finding(Object row, String field) {
        return "controlFailures[" + row + "]." + field;
    }

    /** The name a service gives a template question's answer: {@code answers.escalation-thresholds}. */
    static String answer(Object question) {
        return "answers." + question;
    }

    /** True when a list holds the value (false for a missing list). */
    static boolean has(Object list, Object value) {
        return list instanceof java.util.Collection<?> c && c.contains(value);
    }

    /** The width of a small bar for a count, capped so a long row stays on screen. */
    static long barWidth(Object count) {
        return count instanceof Number n ? Math.min(240, n.longValue() * 14) : 0;
    }

    /** The colour a status is shown in: good, warn, bad, info or neutral. */
    static String tone(Object status) {
        if (status == null) {
            return "neutral";
        }
        return switch (status.toString()) {
            case "CLOSED", "APPROVED", "ACKNOWLEDGED", "EMBEDDED", "PASSED", "DISCHARGED", "ACTIVE", "STRONG",
                    "true" -> "good";
            case "SUBMITTED", "OPEN", "PENDING", "DRAFT", "INTERMEDIATE", "REVIEW", "ACCOUNTABILITY", "ACTION",
                    "VERIFICATION", "PLANNED" -> "info";
            case "RETURNED", "DISPUTED", "UNASSIGNED", "REOPENED", "SENIOR_LEADER", "WEAK", "LAPSED" -> "warn";
            case "REJECTED", "FAILED", "BOARD", "SEVERE", "DEATH", "false" -> "bad";
            case "MODERATE" -> "warn";
            default -> "neutral";
        };
    }
}
