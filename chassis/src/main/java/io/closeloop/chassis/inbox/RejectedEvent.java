package io.closeloop.chassis.inbox;

/**
 * Thrown by a handler when a well-formed event breaks a business rule: it goes to the dead-letter topic. The code is
 * a short, stable name for the rule (a metric tag); the message says what exactly was wrong.
 */
public class RejectedEvent extends RuntimeException {

    private final String code;

    public RejectedEvent(String code, String reason) {
        super(reason);
        this.code = code;
    }

    public RejectedEvent(String reason) {
        this("rejected", reason);
    }

    public String code() {
        return code;
    }
}
