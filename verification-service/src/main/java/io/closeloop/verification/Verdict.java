package io.closeloop.verification;

/** A check's verdict: pending until every planned case is recorded, then judged on the Wilson lower bound. */
public enum Verdict {
    PENDING, PASSED, FAILED, SUPERSEDED
}
