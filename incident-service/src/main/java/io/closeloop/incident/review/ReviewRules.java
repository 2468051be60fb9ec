package io.closeloop.incident.review;

import io.closeloop.chassis.problem.RuleViolation;

/** The review lifecycle's rules, in plain Java. */
public final class ReviewRules {

    private ReviewRules() {
    }

    /** Only a draft or a returned review changes, and only by its reviewer. */
    public static void checkEditable(ReviewStatus status, String reviewer, String editor) {
        if (status != ReviewStatus.DRAFT && status != ReviewStatus.RETURNED) {
            throw RuleViolation.conflict("The review is " + status + "; only a draft or a returned review changes");
        }
        if (!reviewer.equals(editor)) {
            throw RuleViolation.unprocessable("Only the review's reviewer, " + reviewer + ", edits it");
        }
    }

    /**
     * Only a submitted review is decided, and never by the person who wrote it. Approving a review with no control
     * failure needs the senior leader's explicit acceptance of the justification.
     */
    public static void checkApproval(ReviewStatus status, String reviewer, String approver, boolean noControlFailure,
            boolean acceptsNoControlFailure) {
        checkDecision(status, reviewer, approver);
        if (noControlFailure && !acceptsNoControlFailure) {
            throw RuleViolation.unprocessable("This review finds no control failure: approve it only by accepting "
                    + "its justification explicitly (acceptNoControlFailure)");
        }
    }

    public static void checkDecision(ReviewStatus status, String reviewer, String decider) {
        if (status != ReviewStatus.SUBMITTED) {
            throw RuleViolation.conflict("The review is " + status + "; only a submitted review can be decided");
        }
        if (reviewer.equals(decider)) {
            throw RuleViolation.unprocessable("A review is approved or returned by someone other than its reviewer");
        }
    }
}
