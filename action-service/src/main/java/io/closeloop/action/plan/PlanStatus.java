package io.closeloop.action;

public enum PlanStatus {
    OPEN, EMBEDDED, REOPENED
}
