package io.closeloop.chassis.inbox;

/** One event of a batch broke a business rule; {@code position} is its index in the list the handler was given. */
public class RejectedInBatch extends RuntimeException {

    private final int position;
    private final RejectedEvent rejection;

    public RejectedInBatch(int position, RejectedEvent rejection) {
        super("event " + position + " of the batch: " + rejection.getMessage(), rejection);
        this.position = position;
        this.rejection = rejection;
    }

    public int position() {
        return position;
    }

    public RejectedEvent rejection() {
        return rejection;
    }
}
