package io.closeloop.incident.intake;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.incident.stage.Stage;

/** Filters and order of the incident list; every filter is optional. */
public record IncidentQuery(String site, Stage stage, IncidentCategory category, HarmLevel harm, Boolean overdue,
        Boolean repeat, Order order) {

    public enum Order {
        NEWEST, OLDEST, REVIEW_DUE
    }
}
