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
    void aDecidedReviewCannotBeDecidedAgain() {
        assertThatThrownBy(() -> ReviewRules.checkDecision(ReviewStatus.APPROVED, "reviewer.north", "senior"))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("APPROVED");
    }
}
