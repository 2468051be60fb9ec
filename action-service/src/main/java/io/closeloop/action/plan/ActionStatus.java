package io.closeloop.action;

public enum ActionStatus {
    PLANNED, EMBEDDED
}
