package io.closeloop.incident.review;

/** How a control failed. An absent control is a finding of its own: no control existed. */
public enum FailureMode {
    MISSED_SUPERVISION, UNCLEAR_ESCALATION, WEAK_VERIFICATION, ABSENT_CONTROL, OTHER
}
