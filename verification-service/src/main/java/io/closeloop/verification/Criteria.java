package io.closeloop.verification;

import java.time.LocalDate;
import java.util.List;

/**
 * A check's acceptance criteria as a verifier proposes them. Which fields apply depends on the method: re-sample
 * (sample size, period, criterion, threshold), observe (observations, checklist, criterion, threshold), re-test
 * (sample size, required improvement over the baseline stage 3 sent; the threshold follows from both).
 */
public record Criteria(
        CheckMethod method,
        String criterion,
        Double passThreshold,
        Integer sampleSize,
        LocalDate periodStart,
        LocalDate periodEnd,
        Integer observations,
        List<String> checklist,
        Double requiredImprovement) {
}
