package io.closeloop.verification;

/** How the evidence was gathered: re-sampling cases, observing practice, or re-testing data. */
public enum CheckMethod {
    RESAMPLE, OBSERVE, RETEST
}
