package io.closeloop.action.register;

public enum ControlStatus {
    ACTIVE, RETIRED
}
