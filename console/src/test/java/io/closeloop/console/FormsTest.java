package io.closeloop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the console's forms turn into the services' request bodies, and refusals back into fields. */
class FormsTest {

    @Test
    void theReviewFormLeavesOutEmptyRowsAndRecordsAnAbsentControlWithoutAnId() {
        var form = new MultivaluedHashMap<String, String>();
        form.putSingle("summary", " Night supervision missed it ");
        form.put("factor", List.of("TASK", "TEAM"));
        form.putSingle("answer.monitoring-responsibility", "The unit leader");
        form.putSingle("answer.escalation-thresholds", "  ");
        form.putSingle("cf0.controlId", "");
        form.putSingle("cf1.controlId", "CTRL-FALLS-01");
        form.putSingle("cf1.failureMode", "MISSED_SUPERVISION");
        form.putSingle("cf1.evidence", "Three weeks overdue");
        form.putSingle("cf1.owner", "leader.north");
        form.putSingle("cf2.controlId", "ABSENT");
        form.putSingle("cf2.failureMode", "OTHER");
        form.putSingle("cf2.owner", "senior");

        Map<String, Object> body = ReviewForm.body(form);

        assertThat(body).containsEntry("summary", "Night supervision missed it")
                .containsEntry("contributoryFactors", List.of("TASK", "TEAM"))
                .containsEntry("answers", Map.of("monitoring-responsibility", "The unit leader"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) body.get("controlFailures");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0)).containsEntry("controlId", "CTRL-FALLS-01")
                .containsEntry("failureMode", "MISSED_SUPERVISION").containsEntry("owner", "leader.north");
        assertThat(findings.get(1)).containsEntry("controlId", null).containsEntry("failureMode", "ABSENT_CONTROL");
    }

    @Test
    void eligibleOwnersAreTheSitesMonitoringLeadersOnceEach() {
        assertThat(ReviewForm.owners(List.of(Map.of("monitoringOwner", "leader.north"),
                Map.of("monitoringOwner", "senior"), Map.of("monitoringOwner", "leader.north"))))
                .containsExactly("leader.north", "senior");
        assertThat(ReviewForm.rows(Map.of())).hasSize(ReviewForm.FINDING_ROWS);
    }

    @Test
    void aRefusalIsFiledUnderTheFieldItNames() {
        Problem problem = Problem.of(422, Map.of("detail", "The review is incomplete", "errors", List.of(
                Map.of("field", "answers.escalation-thresholds", "message", "unanswered"),
                Map.of("field", "controlFailures[0].owner", "message", "not a leader"),
                Map.of("field", "controlFailures[0].owner", "message", "not at north"),
                Map.of("field", "start.request.summary", "message", "must not be blank"))));
        assertThat(problem.present()).isTrue();
        assertThat(problem.detail()).isEqualTo("The review is incomplete");
        assertThat(problem.on("controlFailures[0].owner")).isEqualTo("not a leader; not at north");
        assertThat(problem.on("summary")).isEqualTo("must not be blank");
        assertThat(problem.on("timeline")).isNull();
        assertThat(problem.has("controlFailures")).isTrue();
        assertThat(Problem.of(500, null).detail()).isEqualTo("The service answered 500.");
    }

    @Test
    void resultsAreTypedOneCasePerLine() {
        assertThat(VerificationPage.parseResults("case-1, pass, on day 6\n\ncase-2,FAIL"))
                .containsExactly(Map.of("reference", "case-1", "passed", true, "notes", "on day 6"),
                        Map.of("reference", "case-2", "passed", false));
        assertThatThrownBy(() -> VerificationPage.parseResults("case-1 passed"))
                .hasMessage("Line 1: write the case reference, then pass or fail");
        assertThatThrownBy(() -> VerificationPage.parseResults("case-1, maybe"))
                .hasMessage("Line 1: 'maybe' is neither pass nor fail");
    }

    @Test
    void theStepperMarksStagesDoneCurrentAndToCome() {
        assertThat(IncidentPages.steps("ACTION")).extracting(s -> s.get("state"))
                .containsExactly("done", "done", "current", "todo", "todo");
        assertThat(IncidentPages.steps("REOPENED")).extracting(s -> s.get("state"))
                .containsExactly("done", "done", "current", "todo", "todo");
        assertThat(IncidentPages.steps("CLOSED")).extracting(s -> s.get("state")).containsOnly("done");
    }
}
