package io.closeloop.verification;

public enum Outcome {
    PASSED, FAILED
}
