package io.closeloop.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.closeloop.chassis.problem.Problem.FieldError;
import io.closeloop.chassis.problem.RuleViolation;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckRulesTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final LocalDate END = LocalDate.of(2026, 3, 31);

    @Test
    void aResampleNeedsSizePeriodAndThreshold() {
        CheckRules.Plan plan = CheckRules.plan(new Criteria(CheckMethod.RESAMPLE, "On time", 0.8, 60, START, END,
                null, null, null), 0.7);
        assertThat(plan.plannedCount()).isEqualTo(60);
        assertThat(plan.passThreshold()).isEqualTo(0.8);
        assertThat(plan.baseline()).isNull();

        assertThat(fields(new Criteria(CheckMethod.RESAMPLE, "On time", null, null, null, null, 3,
                List.of("x"), 0.1)))
                .containsExactlyInAnyOrder("passThreshold", "sampleSize", "periodStart", "observations", "checklist",
                        "requiredImprovement");
        assertThat(fields(new Criteria(CheckMethod.RESAMPLE, "On time", 0.8, 60, END, START, null, null, null)))
                .containsExactly("periodEnd");
    }

    @Test
    void anObservationNeedsACountAndAChecklist() {
        CheckRules.Plan plan = CheckRules.plan(new Criteria(CheckMethod.OBSERVE, "Handover as trained", 0.7, null,
                null, null, 20, List.of("Falls risk named", "Sensor mat checked"), null), null);
        assertThat(plan.plannedCount()).isEqualTo(20);
        assertThat(plan.checklist()).containsExactly("Falls risk named", "Sensor mat checked");
        assertThat(fields(new Criteria(CheckMethod.OBSERVE, "Handover", 0.7, null, null, null, 20, List.of(" "),
                null))).containsExactly("checklist");
    }

    @Test
    void aRetestIsJudgedAgainstTheBaselinePlusTheRequiredImprovement() {
        CheckRules.Plan plan = CheckRules.plan(new Criteria(CheckMethod.RETEST, "Reassessed on time", null, 200,
                null, null, null, null, 0.1), 0.72);
        assertThat(plan.passThreshold()).isCloseTo(0.82, within(1e-9));
        assertThat(plan.baseline()).isEqualTo(0.72);
        assertThat(plan.requiredImprovement()).isEqualTo(0.1);

        assertThat(fields(new Criteria(CheckMethod.RETEST, "x", null, 200, null, null, null, null, 0.1), null))
                .containsExactly("method");
        assertThat(fields(new Criteria(CheckMethod.RETEST, "x", 0.9, 200, null, null, null, null, 0.3), 0.72))
                .containsExactlyInAnyOrder("passThreshold", "requiredImprovement");
    }

    @Test
    void aSampleTooSmallToShowTheThresholdIsRefusedWithTheMinimum() {
        assertThatThrownBy(() -> CheckRules.plan(new Criteria(CheckMethod.RESAMPLE, "On time", 0.8, 10, START, END,
                null, null, null), null))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.errors()).singleElement()
                        .satisfies(e -> assertThat(e.message()).contains("plan at least 16")));
    }

    @Test
    void criteriaLockOnceAResultExists() {
        CheckRules.checkEditable(0);
        assertThatThrownBy(() -> CheckRules.checkEditable(1))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(409));
    }

    @Test
    void aFinishedCheckCannotBeReplacedToChangeItsVerdict() {
        CheckRules.checkSupersedable(new Tally(60, 10, 0, 0.8), false);
        assertThatThrownBy(() -> CheckRules.checkSupersedable(new Tally(60, 40, 20, 0.8), false))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(409));
        assertThatThrownBy(() -> CheckRules.checkSupersedable(new Tally(60, 0, 0, 0.8), true))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void resultsFitThePlanAndEachCaseCountsOnce() {
        CheckRules.checkRecordable(false, new Tally(20, 10, 5, 0.8), 5, 0);
        assertThatThrownBy(() -> CheckRules.checkRecordable(false, new Tally(20, 10, 5, 0.8), 6, 0))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(422));
        assertThatThrownBy(() -> CheckRules.checkRecordable(false, new Tally(20, 0, 0, 0.8), 2, 1))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(409));
        assertThatThrownBy(() -> CheckRules.checkRecordable(true, new Tally(20, 0, 0, 0.8), 1, 0))
                .isInstanceOf(RuleViolation.class);
    }

    private static List<String> fields(Criteria criteria) {
        return fields(criteria, null);
    }

    private static List<String> fields(Criteria criteria, Double baseline) {
        try {
            CheckRules.plan(criteria, baseline);
        } catch (RuleViolation violation) {
            return violation.errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("criteria accepted: " + criteria);
    }
}
