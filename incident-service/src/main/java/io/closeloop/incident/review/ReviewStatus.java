package io.closeloop.incident.review;

public enum ReviewStatus {
    DRAFT, SUBMITTED, APPROVED, RETURNED
}
