package io.closeloop.action.plan;

/** What an action does to the control register. */
public enum ActionKind {
    NEW_CONTROL, CHANGE_CONTROL, RETIRE_CONTROL, SUPPORTING
}
