package io.closeloop.incident.review;

public enum ReviewStatus {
    SUBMITTED, APPROVED, RETURNED
}
