package io.closeloop.incident.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.chassis.problem.Problem.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReviewCompletenessTest {

    private static final TemplateContent TEMPLATE = new TemplateContent("Review", List.of(
            new TemplateContent.Section("leadership", "Leadership", List.of(
                    new TemplateContent.Question("controls-that-should-have-detected", "Which controls?", true),
                    new TemplateContent.Question("monitoring-responsibility", "Who monitored?", true),
                    new TemplateContent.Question("escalation-thresholds", "Thresholds?", true),
                    new TemplateContent.Question("notes", "Anything else?", false)))));
    private static final Map<String, String> ANSWERED = Map.of("controls-that-should-have-detected", "a",
            "monitoring-responsibility", "b", "escalation-thresholds", "c");

    @Test
    void aCompleteReviewWithEligibleOwnersHasNoProblems() {
        var draft = new ReviewCompleteness.Draft("Summary", ANSWERED, List.of(
                new ReviewCompleteness.Finding("CTRL-1", FailureMode.MISSED_SUPERVISION, "evidence", "leader.north"),
                new ReviewCompleteness.Finding(null, FailureMode.ABSENT_CONTROL, "no check existed", "leader.north")),
                null);
        assertThat(problems(draft)).isEmpty();
    }

    @Test
    void namesEveryMissingPiece() {
        var draft = new ReviewCompleteness.Draft(" ", Map.of("escalation-thresholds", "c"), List.of(
                new ReviewCompleteness.Finding(null, FailureMode.MISSED_SUPERVISION, "", null),
                new ReviewCompleteness.Finding("CTRL-1", FailureMode.ABSENT_CONTROL, "e", "leader.south")), null);
        assertThat(problems(draft)).extracting(FieldError::field).containsExactly("summary",
                "answers.controls-that-should-have-detected", "answers.monitoring-responsibility",
                "controlFailures[0].controlId", "controlFailures[0].evidence", "controlFailures[0].owner",
                "controlFailures[1].controlId", "controlFailures[1].owner");
    }

    @Test
    void frontlineErrorAloneIsNotAFindingWithoutAJustification() {
        assertThat(problems(new ReviewCompleteness.Draft("S", ANSWERED, List.of(), null)))
                .extracting(FieldError::field).containsExactly("controlFailures");
        assertThat(problems(new ReviewCompleteness.Draft("S", ANSWERED, List.of(), "Every control worked")))
                .isEmpty();
    }

    private static List<FieldError> problems(ReviewCompleteness.Draft draft) {
        return ReviewCompleteness.problems(TEMPLATE, draft, "CTRL-1"::equals,
                owner -> owner.equals("leader.north") ? Optional.empty() : Optional.of(owner + " is not eligible"));
    }
}
