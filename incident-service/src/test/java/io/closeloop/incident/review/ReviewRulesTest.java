package io.closeloop.incident.review;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closeloop.chassis.problem.RuleViolation;
import org.junit.jupiter.api.Test;

class ReviewRulesTest {

    @Test
    void aSubmittedReviewIsDecidedBySomeoneElse() {
        assertThatCode(() -> ReviewRules.checkDecision(ReviewStatus.SUBMITTED, "reviewer.north", "senior"))
                .doesNotThrowAnyException();
    }

    @Test
    void aReviewerNeverApprovesTheirOwnReview() {
        assertThatThrownBy(() -> ReviewRules.checkDecision(ReviewStatus.SUBMITTED, "senior", "senior"))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("someone other than its reviewer");
    }

    @Test
    void noControlFailureIsApprovedOnlyByExplicitAcceptance() {
        assertThatThrownBy(() -> ReviewRules.checkApproval(ReviewStatus.SUBMITTED, "reviewer.north", "senior", true,
                false)).hasMessageContaining("acceptNoControlFailure");
        assertThatCode(() -> ReviewRules.checkApproval(ReviewStatus.SUBMITTED, "reviewer.north", "senior", true,
                true)).doesNotThrowAnyException();
    }

    @Test
    void onlyItsReviewerEditsADraftOrReturnedReview() {
        assertThatCode(() -> ReviewRules.checkEditable(ReviewStatus.RETURNED, "reviewer.north", "reviewer.north"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ReviewRules.checkEditable(ReviewStatus.DRAFT, "reviewer.north", "other"))
                .isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> ReviewRules.checkEditable(ReviewStatus.SUBMITTED, "reviewer.north",
                "reviewer.north")).isInstanceOf(RuleViolation.class);
    }

    @Test
    void aDecidedReviewCannotBeDecidedAgain() {
        assertThatThrownBy(() -> ReviewRules.checkDecision(ReviewStatus.APPROVED, "reviewer.north", "senior"))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("APPROVED");
    }
}
