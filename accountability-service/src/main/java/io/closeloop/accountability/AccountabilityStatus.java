package io.closeloop.accountability;

import java.util.Set;

public enum AccountabilityStatus {
    /** The named owner did not pass the Keycloak check; a senior leader assigns one. */
    UNASSIGNED,
    OPEN,
    /** The owner disputed it; a senior leader reassigns it or confirms the owner. */
    DISPUTED,
    ACKNOWLEDGED,
    DISCHARGED;

    /** Waiting for someone to act: these can go overdue and be escalated. */
    public static final Set<AccountabilityStatus> PENDING = Set.of(UNASSIGNED, OPEN, DISPUTED);

    public boolean pending() {
        return PENDING.contains(this);
    }
}
