package io.closeloop.action.pack;

import io.closeloop.action.IsoWeek;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** When a control item is embedded, when it lapses, and which weeks a leader may still record. Plain Java. */
public final class EmbeddingRules {

    private EmbeddingRules() {
    }

    /** The week that completes the first run of {@code n} consecutive weeks with a result, if there is one. */
    public static Optional<IsoWeek> embeddedAt(Collection<IsoWeek> recorded, int n) {
        IsoWeek previous = null;
        int run = 0;
        for (IsoWeek week : new TreeSet<>(recorded)) {
            run = previous != null && previous.next().equals(week) ? run + 1 : 1;
            if (run >= n) {
                return Optional.of(week);
            }
            previous = week;
        }
        return Optional.empty();
    }

    /**
     * An embedded item lapses when {@code lapseWeeks} completed weeks in a row after its embedding week have no
     * result. Returns the last week recorded before that gap.
     */
    public static Optional<IsoWeek> lapsed(IsoWeek embeddedWeek, Collection<IsoWeek> recorded, IsoWeek current,
            int lapseWeeks) {
        TreeSet<IsoWeek> weeks = new TreeSet<>(recorded);
        int gap = 0;
        for (IsoWeek week = embeddedWeek.next(); week.isBefore(current); week = week.next()) {
            gap = weeks.contains(week) ? 0 : gap + 1;
            if (gap >= lapseWeeks) {
                IsoWeek last = weeks.floor(week);
                return Optional.of(last == null ? embeddedWeek : last);
            }
        }
        return Optional.empty();
    }

    /** Lapses are looked for after the embedding week or, once an item has recovered, after its recovery week. */
    public static IsoWeek watchedAfter(IsoWeek embeddedWeek, IsoWeek recoveredWeek) {
        return recoveredWeek != null && recoveredWeek.isAfter(embeddedWeek) ? recoveredWeek : embeddedWeek;
    }

    /**
     * A lapsed item recovers when results resume: a done result for the week in which the lapse was found, or a
     * later one. Filling in the missed weeks late does not undo the lapse.
     */
    public static boolean recovers(IsoWeek lapsedIn, IsoWeek resultWeek, boolean done) {
        return done && !resultWeek.isBefore(lapsedIn);
    }

    /** Results are for the current week or, late, for up to {@code lateWeeks} weeks back; never for the future. */
    public static void checkRecordable(IsoWeek week, IsoWeek current, int lateWeeks) {
        if (week.isAfter(current)) {
            throw RuleViolation.unprocessable("Week " + week + " has not started; results are recorded during or "
                    + "after their week", List.of(new Problem.FieldError("week", "in the future")));
        }
        if (week.isBefore(current.plus(-lateWeeks))) {
            throw RuleViolation.unprocessable("Week " + week + " is more than " + lateWeeks
                    + " weeks ago and can no longer be recorded", List.of(new Problem.FieldError("week", "too late")));
        }
    }

    /**
     * An approved action's item is in every pack from the week of approval on, never before: weeks filled in for
     * the time before approval would let an action look sustained on its first day.
     */
    public static boolean inPack(IsoWeek week, IsoWeek activeFrom) {
        return !week.isBefore(activeFrom);
    }
}
