package io.closeloop.verification;

public enum VerificationStatus {
    OPEN, CLOSED, REJECTED
}
