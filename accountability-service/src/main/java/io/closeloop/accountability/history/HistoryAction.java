package io.closeloop.accountability.history;

public enum HistoryAction {
    OPENED, ASSIGNED, OWNER_REFUSED, ACKNOWLEDGED, DISPUTED, REASSIGNED, CONFIRMED, ESCALATED, DISCHARGED
}
