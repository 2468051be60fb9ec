package io.closeloop.verification;

import io.closeloop.chassis.problem.Problem.FieldError;
import io.closeloop.chassis.problem.RuleViolation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What makes a check a plan: complete criteria for its method, a sample able to show its threshold. Plain Java. */
public final class CheckRules {

    private CheckRules() {
    }

    /** The criteria as they will be locked: the planned number of cases and the threshold they are judged on. */
    public record Plan(CheckMethod method, String criterion, double passThreshold, int plannedCount,
            LocalDate periodStart, LocalDate periodEnd, List<String> checklist, Double baseline,
            Double requiredImprovement) {
    }

    /** Validates the criteria for their method; every fault is reported at once. */
    public static Plan plan(Criteria c, Double baseline) {
        List<FieldError> errors = new ArrayList<>();
        double threshold = 0;
        int planned = 0;
        switch (c.method()) {
            case RESAMPLE -> {
                threshold = threshold(c, errors);
                planned = positive(c.sampleSize(), "sampleSize", errors);
                period(c, true, errors);
                absent(c.observations(), "observations", errors);
                absent(c.checklist(), "checklist", errors);
                absent(c.requiredImprovement(), "requiredImprovement", errors);
            }
            case OBSERVE -> {
                threshold = threshold(c, errors);
                planned = positive(c.observations(), "observations", errors);
                if (c.checklist() == null || c.checklist().isEmpty()
                        || c.checklist().stream().anyMatch(item -> item == null || item.isBlank())) {
                    errors.add(new FieldError("checklist", "an observation needs a checklist of non-blank items"));
                }
                period(c, false, errors);
                absent(c.sampleSize(), "sampleSize", errors);
                absent(c.requiredImprovement(), "requiredImprovement", errors);
            }
            case RETEST -> {
                planned = positive(c.sampleSize(), "sampleSize", errors);
                absent(c.passThreshold(), "passThreshold", errors);
                absent(c.observations(), "observations", errors);
                absent(c.checklist(), "checklist", errors);
                period(c, false, errors);
                if (baseline == null) {
                    errors.add(new FieldError("method",
                            "stage 3 sent no baseline for this control, so there is nothing to re-test against"));
                } else if (c.requiredImprovement() == null || c.requiredImprovement() <= 0) {
                    errors.add(new FieldError("requiredImprovement", "must be above 0"));
                } else if (baseline + c.requiredImprovement() >= 1) {
                    errors.add(new FieldError("requiredImprovement", String.format(Locale.ROOT,
                            "baseline %.2f plus %.2f leaves no rate a sample could show", baseline,
                            c.requiredImprovement())));
                } else {
                    threshold = baseline + c.requiredImprovement();
                }
            }
        }
        if (errors.isEmpty()) {
            int minimum = Evidence.minimumSample(threshold);
            if (planned < minimum) {
                errors.add(new FieldError(c.method() == CheckMethod.OBSERVE ? "observations" : "sampleSize",
                        String.format(Locale.ROOT, "%d cannot show a pass rate of %.2f with 95%% confidence even if "
                                + "every one passes: plan at least %d", planned, threshold, minimum)));
            }
        }
        if (!errors.isEmpty()) {
            throw RuleViolation.unprocessable("The acceptance criteria are incomplete or cannot prove improvement",
                    errors);
        }
        boolean retest = c.method() == CheckMethod.RETEST;
        return new Plan(c.method(), c.criterion(), threshold, planned, c.periodStart(), c.periodEnd(),
                c.method() == CheckMethod.OBSERVE ? List.copyOf(c.checklist()) : List.of(),
                retest ? baseline : null, retest ? c.requiredImprovement() : null);
    }

    /** Criteria are fixed before the first result: once results exist a change needs a new check. */
    public static void checkEditable(int recordedResults) {
        if (recordedResults > 0) {
            throw RuleViolation.conflict("The criteria are locked: " + recordedResults
                    + " result(s) are recorded against them. Plan a new check that supersedes this one.");
        }
    }

    /** A finished check stands: it may not be replaced to get a different verdict. */
    public static void checkSupersedable(Tally tally, boolean alreadySuperseded) {
        if (alreadySuperseded) {
            throw RuleViolation.conflict("The check is already superseded");
        }
        if (tally.verdict() != Verdict.PENDING) {
            throw RuleViolation.conflict("The check is complete and " + tally.verdict()
                    + ": its verdict stands. A senior leader may reject the verification instead.");
        }
    }

    /** Results fit the plan: not superseded, no more than planned, each case once. */
    public static void checkRecordable(boolean superseded, Tally tally, int adding, long duplicates) {
        if (superseded) {
            throw RuleViolation.conflict("The check is superseded: record results against its replacement");
        }
        if (tally.recorded() + adding > tally.planned()) {
            throw RuleViolation.unprocessable("The plan has " + tally.planned() + " case(s), " + tally.recorded()
                    + " already recorded: " + adding + " more do not fit");
        }
        if (duplicates > 0) {
            throw RuleViolation.conflict("A case is recorded once: a reference repeats one already recorded");
        }
    }

    private static double threshold(Criteria c, List<FieldError> errors) {
        Double t = c.passThreshold();
        if (t == null || !(t > 0 && t < 1)) {
            errors.add(new FieldError("passThreshold", "required, above 0 and below 1"));
            return 0;
        }
        return t;
    }

    private static int positive(Integer value, String field, List<FieldError> errors) {
        if (value == null || value < 1) {
            errors.add(new FieldError(field, "required, at least 1"));
            return 0;
        }
        return value;
    }

    private static void period(Criteria c, boolean required, List<FieldError> errors) {
        if (c.periodStart() == null || c.periodEnd() == null) {
            if (required) {
                errors.add(new FieldError("periodStart", "the period the cases are sampled from is required"));
            }
            return;
        }
        if (c.periodEnd().isBefore(c.periodStart())) {
            errors.add(new FieldError("periodEnd", "must not be before periodStart"));
        }
    }

    private static void absent(Object value, String field, List<FieldError> errors) {
        if (value != null) {
            errors.add(new FieldError(field, "does not apply to this method"));
        }
    }
}
