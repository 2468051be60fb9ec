package io.closeloop.incident.review;

import io.closeloop.chassis.problem.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a review must hold before it can be submitted: every mandatory question answered, and either control
 * failures each with an eligible leadership owner, or a written reason why no control failed.
 */
public final class ReviewCompleteness {

    private ReviewCompleteness() {
    }

    public record Finding(String controlId, FailureMode failureMode, String evidence, String owner) {
    }

    public record Draft(String summary, Map<String, String> answers, List<Finding> controlFailures,
            String noControlFailureJustification) {
    }

    /**
     * Every reason the draft cannot be submitted, each naming its field.
     *
     * @param knownControl whether a control id is in the register
     * @param ownerProblem why a username cannot own a failure at the incident's site, if it cannot
     */
    public static List<FieldError> problems(TemplateContent template, Draft draft, Predicate<String> knownControl,
            Function<String, Optional<String>> ownerProblem) {
        List<FieldError> problems = new ArrayList<>();
        if (blank(draft.summary())) {
            problems.add(new FieldError("summary", "must not be blank"));
        }
        for (TemplateContent.Question question : template.questions()) {
            if (question.mandatory() && blank(draft.answers().get(question.id()))) {
                problems.add(new FieldError("answers." + question.id(), "unanswered: " + question.text()));
            }
        }
        if (draft.controlFailures().isEmpty() && blank(draft.noControlFailureJustification())) {
            problems.add(new FieldError("controlFailures",
                    "a review that finds no control failure needs a written justification: frontline error alone "
                            + "is not a finding"));
        }
        for (int i = 0; i < draft.controlFailures().size(); i++) {
            Finding finding = draft.controlFailures().get(i);
            String at = "controlFailures[" + i + "].";
            if (finding.failureMode() == FailureMode.ABSENT_CONTROL) {
                if (finding.controlId() != null) {
                    problems.add(new FieldError(at + "controlId", "an absent control has no control id"));
                }
            } else if (finding.controlId() == null) {
                problems.add(new FieldError(at + "controlId",
                        "name the control from the register, or record ABSENT_CONTROL"));
            } else if (!knownControl.test(finding.controlId())) {
                problems.add(new FieldError(at + "controlId", finding.controlId() + " is not an active control"));
            }
            if (blank(finding.evidence())) {
                problems.add(new FieldError(at + "evidence", "must not be blank"));
            }
            if (blank(finding.owner())) {
                problems.add(new FieldError(at + "owner", "every control failure names a leadership owner"));
            } else {
                ownerProblem.apply(finding.owner()).ifPresent(p -> problems.add(new FieldError(at + "owner", p)));
            }
        }
        return problems;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
