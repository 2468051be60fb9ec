package io.closeloop.action.pack;

public enum EscalationKind {
    THRESHOLD_BREACH, OVERDUE_ACTION, CONTROL_LAPSED
}
