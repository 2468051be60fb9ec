package io.closeloop.chassis.inbox;

/** Thrown by a handler when a well-formed event breaks a business rule: it goes to the dead-letter topic. */
public class RejectedEvent extends RuntimeException {

    public RejectedEvent(String reason) {
        super(reason);
    }
}
