package io.closeloop.incident.recurrence;

public enum LinkReason {
    /** The same category at the same site. */
    SAME_SITE_CATEGORY,
    /** A failure of the same control, at any site, found by an approved review. */
    SAME_CONTROL
}
