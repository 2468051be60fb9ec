package io.closeloop.action.plan;

public enum HistoryKind {
    REGISTER_CHANGED, ESCALATED, LAPSED, RECOVERED
}
