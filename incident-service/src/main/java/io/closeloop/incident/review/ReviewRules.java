package io.closeloop.incident.review;

import io.closeloop.chassis.problem.RuleViolation;

/** The review lifecycle's rules, in plain Java. */
public final class ReviewRules {

    private ReviewRules() {
    }

    /** Only a submitted review is decided, and never by the person who wrote it. */
    public static void checkDecision(ReviewStatus status, String reviewer, String decider) {
        if (status != ReviewStatus.SUBMITTED) {
            throw RuleViolation.conflict("The review is " + status + "; only a submitted review can be decided");
        }
        if (reviewer.equals(decider)) {
            throw RuleViolation.unprocessable("A review is approved or returned by someone other than its reviewer");
        }
    }
}
