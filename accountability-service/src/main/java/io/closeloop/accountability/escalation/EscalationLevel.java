package io.closeloop.accountability.escalation;

/** How far up an unanswered accountability has gone; the order is the escalation path. */
public enum EscalationLevel {
    NONE, SENIOR_LEADER, BOARD
}
