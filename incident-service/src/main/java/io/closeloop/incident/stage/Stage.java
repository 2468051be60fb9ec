package io.closeloop.incident.stage;

/** Where an incident stands in the four controlled stages. */
public enum Stage {
    REVIEW, ACCOUNTABILITY, ACTION, VERIFICATION, CLOSED, REOPENED
}
