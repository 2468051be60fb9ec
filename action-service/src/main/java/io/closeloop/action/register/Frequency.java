package io.closeloop.action.register;

import io.closeloop.action.IsoWeek;
import java.time.LocalDate;

/** How often a control is checked, and so which weekly packs carry it. */
public enum Frequency {
    DAILY, WEEKLY, MONTHLY, QUARTERLY;

    /** Daily and weekly controls are in every pack; monthly ones in the week of the 1st; quarterly in a quarter's. */
    public boolean dueIn(IsoWeek week) {
        return switch (this) {
            case DAILY, WEEKLY -> true;
            case MONTHLY -> week.contains(week.sunday().withDayOfMonth(1));
            case QUARTERLY -> {
                LocalDate first = week.sunday().withDayOfMonth(1);
                yield week.contains(first) && (first.getMonthValue() - 1) % 3 == 0;
            }
        };
    }
}
