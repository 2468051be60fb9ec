package io.closeloop.incident.stage;

/** Where an incident stands in the four controlled stages. */
public enum Stage {
    REVIEW, ACCOUNTABILITY, ACTION, VERIFICATION, CLOSED, REOPENED;

    /**
     * Where the incident stands after a later stage's event says it reached {@code reported}. Each stage's events come
     * on a topic of their own, and Kafka orders events within a topic only: after a restart with a backlog on several
     * topics, the closure may be read before the embedding that preceded it. So an event never moves an incident
     * back: a closure is final, the embedding follows anything but a closure, the assignment only a review. A failed
     * verification sends the incident back to stage 3 (REOPENED) unless it is closed.
     */
    public Stage after(Stage reported) {
        return switch (reported) {
            case CLOSED -> CLOSED;
            case VERIFICATION, REOPENED -> this == CLOSED ? CLOSED : reported;
            case ACTION -> this == REVIEW || this == ACCOUNTABILITY ? ACTION : this;
            case REVIEW, ACCOUNTABILITY -> throw new IllegalArgumentException(reported
                    + " is set by incident-service itself, never reported by a later stage");
        };
    }
}
