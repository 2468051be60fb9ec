package io.closeloop.action.review;

import io.closeloop.action.IsoWeek;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Which weekly packs make up a month, and what counts as a missed check. Plain Java. */
public final class ReviewRules {

    private ReviewRules() {
    }

    /** The ISO weeks of a month: those whose Thursday falls in it, so every week belongs to exactly one month. */
    public static List<IsoWeek> weeksOf(YearMonth month) {
        List<IsoWeek> weeks = new ArrayList<>();
        for (IsoWeek week = IsoWeek.of(month.atDay(1)); !week.monday().isAfter(month.atEndOfMonth());
                week = week.next()) {
            if (YearMonth.from(week.thursday()).equals(month)) {
                weeks.add(week);
            }
        }
        return weeks;
    }

    /** Weeks that are over, in which the item was due, and for which no done result was recorded. */
    public static List<IsoWeek> missed(Collection<IsoWeek> weeks, Predicate<IsoWeek> due, Collection<IsoWeek> done,
            IsoWeek current) {
        Set<IsoWeek> recorded = new TreeSet<>(done);
        return weeks.stream().filter(w -> w.isBefore(current) && due.test(w) && !recorded.contains(w)).toList();
    }

    /** Consecutive weeks with a done result, counted back from the latest one: the embedding count so far. */
    public static int currentRun(Collection<IsoWeek> done) {
        TreeSet<IsoWeek> weeks = new TreeSet<>(done);
        if (weeks.isEmpty()) {
            return 0;
        }
        int run = 1;
        IsoWeek week = weeks.last();
        while (weeks.contains(week.previous())) {
            run++;
            week = week.previous();
        }
        return run;
    }
}
