package io.closeloop.action.pack;

/** How far up an overdue action has gone, as in stage 2; the order is the escalation path. */
public enum EscalationLevel {
    NONE, SENIOR_LEADER, BOARD
}
