package io.closeloop.action.plan;

/** PLANNED until its plan is approved; ACTIVE in the weekly packs; EMBEDDED after N consecutive weeks; LAPSED. */
public enum ActionStatus {
    PLANNED, ACTIVE, EMBEDDED, LAPSED
}
