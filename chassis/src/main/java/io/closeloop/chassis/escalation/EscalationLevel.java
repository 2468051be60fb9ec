package io.closeloop.chassis.escalation;

/** How far up an unanswered item has gone; the order is the escalation path. */
public enum EscalationLevel {
    NONE, SENIOR_LEADER, BOARD
}
