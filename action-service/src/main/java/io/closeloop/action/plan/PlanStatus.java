package io.closeloop.action.plan;

/** DRAFT -> SUBMITTED (owner) -> APPROVED (senior leader) -> EMBEDDED; REOPENED when verification fails. */
public enum PlanStatus {
    DRAFT, SUBMITTED, APPROVED, EMBEDDED, REOPENED;

    /** The owners may still add, change and remove actions. */
    public boolean editable() {
        return this == DRAFT || this == REOPENED;
    }

    /** Its actions run in the owners' weekly control packs. */
    public boolean live() {
        return this == APPROVED || this == EMBEDDED;
    }
}
