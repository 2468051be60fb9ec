package io.closeloop.accountability;

public enum AccountabilityStatus {
    OPEN, ACKNOWLEDGED, DISCHARGED
}
