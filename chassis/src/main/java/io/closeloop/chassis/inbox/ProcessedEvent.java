package io.closeloop.chassis.inbox;

/** What happened to an event a consumer saw; stored in the inbox table beside its id. */
public enum ProcessedEvent {
    APPLIED, REJECTED, DEAD_LETTERED
}
