package io.closeloop.incident.review;

import java.util.List;
import java.util.Map;

/** What a reviewer writes; a draft may be incomplete, a submission may not. */
public record ReviewContent(
        String summary,
        String timeline,
        List<ContributoryFactor> contributoryFactors,
        Map<String, String> answers,
        List<Finding> controlFailures,
        String noControlFailureJustification) {

    public record Finding(String controlId, FailureMode failureMode, String evidence, String owner) {
    }
}
