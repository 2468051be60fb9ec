package io.closeloop.action;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ISO-8601 week such as {@code 2026-W05}: the period of one control pack. Weeks run Monday to Sunday, UTC. */
public record IsoWeek(int year, int week) implements Comparable<IsoWeek> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    public IsoWeek {
        if (week < 1 || week > 53 || (week == 53 && monday(year, 53).get(IsoFields.WEEK_BASED_YEAR) != year)) {
            throw new IllegalArgumentException("No ISO week " + week + " in " + year);
        }
    }

    public static IsoWeek parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("An ISO week looks like 2026-W05: " + text);
        }
        return new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static IsoWeek of(LocalDate date) {
        return new IsoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static IsoWeek of(Instant instant) {
        return of(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    public LocalDate monday() {
        return monday(year, week);
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    /** ISO weeks belong to the month (and year) of their Thursday. */
    public LocalDate thursday() {
        return monday().plusDays(3);
    }

    public IsoWeek plus(long weeks) {
        return of(monday().plusWeeks(weeks));
    }

    public IsoWeek next() {
        return plus(1);
    }

    public IsoWeek previous() {
        return plus(-1);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(monday()) && !date.isAfter(sunday());
    }

    @Override
    public int compareTo(IsoWeek other) {
        return monday().compareTo(other.monday());
    }

    public boolean isBefore(IsoWeek other) {
        return compareTo(other) < 0;
    }

    public boolean isAfter(IsoWeek other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return "%04d-W%02d".formatted(year, week);
    }

    private static LocalDate monday(int year, int week) {
        return LocalDate.of(year, 1, 4).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(week - 1L);
    }
}
