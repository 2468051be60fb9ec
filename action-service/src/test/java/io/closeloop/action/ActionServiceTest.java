package io.closeloop.action;

import static io.closeloop.testing.ServiceUnderTest.as;
import static io.closeloop.testing.ServiceUnderTest.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.closeloop.action.pack.RoutineSweep;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.AccountabilityAssigned;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.closeloop.contracts.events.ControlLapsed;
import io.closeloop.contracts.events.ControlPublished;
import io.closeloop.contracts.events.VerificationFailed;
import io.closeloop.local.LocalInfraTestResource;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "action_test"))
class ActionServiceTest {

    private static final Duration WEEK = Duration.ofDays(7);

    @Inject
    RoutineSweep sweep;

    @Test
    void aWeakOnlyPlanNeedsAnExceptionThenEmbedsAfterFourWeeklyPacksLapsesAndReopens() throws Exception {
        UUID incidentId = UUID.randomUUID();
        UUID failure = UUID.randomUUID();
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish(Topics.ACCOUNTABILITY_ASSIGNED, incidentId.toString(), new AccountabilityAssigned(
                    incidentId, "north", List.of(new AccountabilityAssigned.Commitment(failure, "CTRL-FALLS-01",
                            "Weekly falls risk reassessment check", "leader.north", "Weekly audit",
                            "Reassessments on time", ">= 95%", LocalDate.of(2026, 4, 13))), Instant.now()));
        }
        String planId = await().atMost(Duration.ofSeconds(60)).until(() -> as("leader.north")
                .get("/plans?incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"), id -> id != null);
        as("leader.north").get("/plans/{id}", planId).then().body("status", equalTo("DRAFT"));

        // Drafting: validation, site scoping, strength.
        as("leader.south").contentType(ContentType.JSON).body(training(failure))
                .post("/plans/{id}/actions", planId).then().statusCode(404);
        as("leader.north").contentType(ContentType.JSON).body(Map.of("controlFailureId", failure))
                .post("/plans/{id}/actions", planId).then().statusCode(400)
                .contentType("application/problem+json");
        Map<String, Object> overridden = new HashMap<>(training(failure));
        overridden.put("strength", "STRONG");
        as("leader.north").contentType(ContentType.JSON).body(overridden)
                .post("/plans/{id}/actions", planId).then().statusCode(422)
                .body("errors.field", hasItem("strengthJustification"));
        String actionId = as("leader.north").contentType(ContentType.JSON).body(training(failure))
                .post("/plans/{id}/actions", planId).then().statusCode(201)
                .body("strength", equalTo("WEAK"))
                .body("indicator", equalTo("Falls reassessments on time"))
                .body("indicatorThreshold", equalTo(0.95f))
                .body("goodDirection", equalTo("UP"))
                .extract().path("id");

        // The weak-only rule, and its exception.
        as("leader.north").post("/plans/{id}/submit", planId).then().statusCode(422)
                .body("detail", containsString("weak"));
        as("leader.north").contentType(ContentType.JSON).body(Map.of("reason", "Agency staff only"))
                .post("/plans/{id}/weak-only-exception", planId).then().statusCode(403);
        as("senior").contentType(ContentType.JSON)
                .body(Map.of("reason", "Interim: sensor mats on order, training covers the gap"))
                .post("/plans/{id}/weak-only-exception", planId).then().statusCode(200)
                .body("weakOnlyException.approvedBy", equalTo("senior"));
        as("senior").post("/plans/{id}/approve", planId).then().statusCode(409);
        as("leader.north").post("/plans/{id}/submit", planId).then().statusCode(200)
                .body("status", equalTo("SUBMITTED"));
        as("leader.north").contentType(ContentType.JSON).body(training(failure))
                .post("/plans/{id}/actions", planId).then().statusCode(409);
        as("leader.north").post("/plans/{id}/approve", planId).then().statusCode(403);
        as("senior").post("/plans/{id}/approve", planId).then().statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("actions[0].status", equalTo("ACTIVE"))
                .body("actions[0].activeFromWeek", equalTo("2026-W10"));
        as("auditor").get("/reports/plan-strength").then().statusCode(200)
                .body("weakOnlyPlans", greaterThanOrEqualTo(1)).body("exceptionsApproved", greaterThanOrEqualTo(1));

        // Week 10: the action is in the pack beside leader.north's business-as-usual controls.
        as("leader.north").get("/packs/current").then().statusCode(200)
                .body("week", equalTo("2026-W10"))
                .body("controlItems.type", hasItems("CORRECTIVE_ACTION", "CONTROL"))
                .body("controlItems.controlId", hasItems("CTRL-FALLS-01", "CTRL-MED-01", "CTRL-NEWS-01"))
                .body("controlItems.controlId", not(hasItem("CTRL-MED-02")));
        as("leader.south").get("/packs/current?owner=leader.north").then().statusCode(422);
        record("2026-W10", actionId, 0.80).statusCode(201).body("breached", equalTo(true));
        record("2026-W10", actionId, 0.81).statusCode(409);
        record("2026-W11", actionId, 0.81).statusCode(422);
        as("senior").get("/escalations?kind=THRESHOLD_BREACH&incidentId=" + incidentId).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].week", equalTo("2026-W10"));
        as("leader.north").contentType(ContentType.JSON)
                .body(Map.of("controlId", "CTRL-NEWS-01", "done", true, "value", 0.92))
                .post("/packs/2026-W10/results").then().statusCode(201).body("controlVersion", equalTo(2))
                .body("breached", equalTo(false));

        // Three more weeks in a row: embedded, and the incident moves on with the indicator's values.
        double[] values = {0.90, 0.96, 0.97};
        for (int i = 0; i < values.length; i++) {
            TestClock.CLOCK.advance(WEEK);
            as("leader.north").get("/plans/{id}", planId).then().body("status", equalTo("APPROVED"));
            record("2026-W1" + (i + 1), actionId, values[i]).statusCode(201);
        }
        as("leader.north").get("/plans/{id}", planId).then()
                .body("status", equalTo("EMBEDDED"))
                .body("actions[0].status", equalTo("EMBEDDED"))
                .body("actions[0].embeddedWeek", equalTo("2026-W13"));
        var published = TopicReader.await(kafka(), Topics.ACTIONS_EMBEDDED, Duration.ofSeconds(30),
                r -> incidentId.toString().equals(r.key()));
        ActionsEmbedded embedded = EventJson.read(EventJson.tree(published.value()), ActionsEmbedded.class);
        assertThat(embedded.actions()).singleElement().satisfies(a -> {
            assertThat(a.baseline()).isEqualTo(0.72);
            assertThat(a.recentValues()).containsExactly(0.80, 0.90, 0.96, 0.97);
        });

        // Two whole weeks without a result after embedding: lapsed.
        TestClock.CLOCK.advance(WEEK.multipliedBy(2));
        assertThat(sweep.sweep().lapsed()).isZero();
        TestClock.CLOCK.advance(WEEK);
        assertThat(sweep.sweep().lapsed()).isEqualTo(1);
        var lapsedRecord = TopicReader.await(kafka(), Topics.CONTROL_LAPSED, Duration.ofSeconds(30),
                r -> incidentId.toString().equals(r.key()));
        ControlLapsed lapsed = EventJson.read(EventJson.tree(lapsedRecord.value()), ControlLapsed.class);
        assertThat(lapsed.lastRecordedWeek()).isEqualTo("2026-W13");
        assertThat(lapsed.actionId()).hasToString(actionId);
        as("senior").get("/escalations?kind=CONTROL_LAPSED&incidentId=" + incidentId).then()
                .body("total", equalTo(1));

        // The March review, assembled from the packs and signed off by the senior leader.
        as("leader.north").get("/reviews/leader.north/2026-03").then().statusCode(200)
                .body("content.weeks", hasItems("2026-W10", "2026-W13"))
                .body("content.correctiveActions[0].consecutiveWeeks", equalTo(4))
                .body("content.correctiveActions[0].trend.value", hasItems(0.80f, 0.97f))
                .body("content.missedChecks", greaterThanOrEqualTo(1))
                .body("signOff", equalTo(null));
        as("leader.north").contentType(ContentType.JSON).body(Map.of("comment", "self"))
                .post("/reviews/leader.north/2026-03/sign-off").then().statusCode(403);
        as("senior").contentType(ContentType.JSON).body(Map.of("comment", "Falls training sustained; lapse in April"))
                .post("/reviews/leader.north/2026-03/sign-off").then().statusCode(200)
                .body("signOff.by", equalTo("senior"));
        as("senior").contentType(ContentType.JSON).body(Map.of())
                .post("/reviews/leader.north/2026-03/sign-off").then().statusCode(409);

        // Results resume: a missed week filled in late does not undo the lapse, this week's result does.
        record("2026-W15", actionId, 0.95).statusCode(201);
        as("leader.north").get("/plans/{id}", planId).then().body("actions[0].status", equalTo("LAPSED"));
        record("2026-W16", actionId, 0.96).statusCode(201);
        as("leader.north").get("/plans/{id}", planId).then()
                .body("status", equalTo("EMBEDDED"))
                .body("actions[0].status", equalTo("EMBEDDED"))
                .body("actions[0].recoveredWeek", equalTo("2026-W16"));
        assertThat(sweep.sweep().lapsed()).as("lapses now count from the recovery week").isZero();
        as("auditor").get("/plans/{id}/history", planId).then().statusCode(200)
                .body("what", equalTo(List.of("LAPSED", "RECOVERED")))
                .body("[1].week", equalTo("2026-W16"));

        // Verification failed: the plan goes back to its owner and the count starts again.
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish(Topics.VERIFICATION_FAILED, incidentId.toString(), new VerificationFailed(incidentId,
                    "north", UUID.randomUUID(), "senior", List.of("Pass rate below threshold"), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("leader.north").get("/plans/{id}", planId)
                .then().body("status", equalTo("REOPENED"))
                .body("actions[0].status", equalTo("PLANNED"))
                .body("actions[0].cycle", equalTo(2))
                .body("reopenReasons", equalTo("Pass rate below threshold")));
        record("2026-W16", actionId, 0.99).statusCode(422);
        assertThat(sweep.sweep().overdue()).as("due in March, not running in this cycle: both levels at once")
                .isGreaterThanOrEqualTo(2);
        assertThat(sweep.sweep().overdue()).as("escalated once").isZero();
        as("senior").get("/escalations?kind=OVERDUE_ACTION&incidentId=" + incidentId).then()
                .body("total", equalTo(2))
                .body("items.level", hasItems("SENIOR_LEADER", "BOARD"))
                .body("items.cycle", equalTo(List.of(2, 2)));
        as("leader.north").get("/plans/{id}", planId).then().body("actions[0].escalation", equalTo("BOARD"));
    }

    @Test
    void approvingAPlanChangesTheRegisterAndAnOverdueActionGoesToTheSeniorLeaderThenTheBoard() throws Exception {
        // A control of this test's own to retire, so the seeded register the other tests read stays as it is.
        as("senior").contentType(ContentType.JSON).body(Map.of("id", "CTRL-POSTER-01", "control", Map.of(
                "name", "Falls poster on every corridor", "type", "POLICY_PROCEDURE", "sites", List.of("north"),
                "monitoringOwner", "leader.north", "indicator", Map.of("name", "Corridors with the poster",
                        "unit", "rate", "threshold", 1.0, "goodDirection", "UP"))))
                .post("/controls").then().statusCode(201);
        int before = as("senior").get("/controls/CTRL-FALLS-02").then().statusCode(200).extract().path("version");
        UUID incidentId = UUID.randomUUID();
        UUID failure = UUID.randomUUID();
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish(Topics.ACCOUNTABILITY_ASSIGNED, incidentId.toString(), new AccountabilityAssigned(
                    incidentId, "north", List.of(new AccountabilityAssigned.Commitment(failure, "CTRL-FALLS-02",
                            "Bed and chair sensor alarms tested", "leader.north", "Alarms tested every evening",
                            "Sensor alarms failing test", "0", LocalDate.of(2026, 6, 1))), Instant.now()));
        }
        String planId = await().atMost(Duration.ofSeconds(60)).until(() -> as("leader.north")
                .get("/plans?incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"), id -> id != null);
        LocalDate yesterday = LocalDate.ofInstant(TestClock.CLOCK.instant(), ZoneOffset.UTC).minusDays(1);

        as("leader.north").contentType(ContentType.JSON).body(Map.of("controlFailureId", failure,
                "kind", "NEW_CONTROL", "actionType", "ARCHITECTURAL_CHANGE", "description", "Sensor mats",
                "dueOn", "2027-01-31")).post("/plans/{id}/actions", planId).then().statusCode(422)
                .body("errors.field", hasItems("controlName", "controlType", "indicatorUnit"));
        as("leader.north").contentType(ContentType.JSON).body(Map.of("controlFailureId", failure,
                "kind", "RETIRE_CONTROL", "actionType", "SIMPLIFIED_PROCESS", "description", "Retire it",
                "controlId", "CTRL-NOPE-01", "dueOn", "2027-01-31")).post("/plans/{id}/actions", planId).then()
                .statusCode(422).body("errors.field", hasItem("controlId"));
        String change = as("leader.north").contentType(ContentType.JSON).body(Map.of("controlFailureId", failure,
                "kind", "CHANGE_CONTROL", "actionType", "STANDARDISED_EQUIPMENT_OR_PROCESS",
                "description", "Alarms tested at every evening handover, not once a week",
                "controlName", "Bed and chair sensor alarms tested at every evening handover",
                "frequency", "DAILY", "dueOn", yesterday.toString()))
                .post("/plans/{id}/actions", planId).then().statusCode(201)
                .body("controlId", equalTo("CTRL-FALLS-02")).extract().path("id");
        Map<String, Object> newControl = new HashMap<>(Map.of("controlFailureId", failure,
                "kind", "NEW_CONTROL", "actionType", "ARCHITECTURAL_CHANGE",
                "description", "Sensor mats for every resident at high falls risk", "controlId", "CTRL-MATS-01",
                "dueOn", "2027-01-31"));
        newControl.putAll(Map.of("controlName", "Sensor mats in place for high-risk residents",
                "controlType", "ENVIRONMENT_EQUIPMENT", "indicator", "High-risk residents with a mat",
                "indicatorUnit", "rate", "indicatorThreshold", 1.0, "goodDirection", "UP"));
        as("leader.north").contentType(ContentType.JSON).body(newControl).post("/plans/{id}/actions", planId)
                .then().statusCode(201);
        as("leader.north").contentType(ContentType.JSON).body(Map.of("controlFailureId", failure,
                "kind", "RETIRE_CONTROL", "actionType", "SIMPLIFIED_PROCESS",
                "description", "The poster round gives way to the mats", "controlId", "CTRL-POSTER-01",
                "dueOn", "2027-01-31")).post("/plans/{id}/actions", planId).then().statusCode(201);
        as("leader.north").post("/plans/{id}/submit", planId).then().statusCode(200);
        as("auditor").get("/controls/CTRL-FALLS-02").then().body("version", equalTo(before));

        as("senior").post("/plans/{id}/approve", planId).then().statusCode(200)
                .body("actions.find { it.kind == 'CHANGE_CONTROL' }.registerVersion", equalTo(before + 1))
                .body("actions.find { it.kind == 'NEW_CONTROL' }.registerVersion", equalTo(1))
                .body("actions.find { it.kind == 'RETIRE_CONTROL' }.registerVersion", equalTo(2));
        as("auditor").get("/controls/CTRL-FALLS-02").then()
                .body("version", equalTo(before + 1))
                .body("frequency", equalTo("DAILY"))
                .body("name", equalTo("Bed and chair sensor alarms tested at every evening handover"))
                .body("indicator.threshold", equalTo(0.0f));
        as("auditor").get("/controls/CTRL-FALLS-02/versions").then()
                .body("version", hasItems(before, before + 1))
                .body("[" + before + "].actionId", equalTo(change))
                .body("[" + before + "].changedBy", equalTo("senior"))
                .body("[" + before + "].changeReason", containsString("not once a week"));
        var revised = TopicReader.await(kafka(), Topics.CONTROLS, Duration.ofSeconds(30),
                r -> "CTRL-FALLS-02".equals(r.key()) && control(r.value()).version() == before + 1);
        assertThat(control(revised.value()).frequency()).isEqualTo("DAILY");
        as("auditor").get("/controls/CTRL-MATS-01").then().statusCode(200)
                .body("version", equalTo(1)).body("sites", equalTo(List.of("north")))
                .body("monitoringOwner", equalTo("leader.north")).body("frequency", equalTo("WEEKLY"));
        as("auditor").get("/controls/CTRL-POSTER-01").then()
                .body("version", equalTo(2)).body("status", equalTo("RETIRED"));
        TopicReader.await(kafka(), Topics.CONTROLS, Duration.ofSeconds(30),
                r -> "CTRL-POSTER-01".equals(r.key()) && "RETIRED".equals(control(r.value()).status()));
        as("auditor").get("/plans/{id}/history", planId).then()
                .body("what", equalTo(List.of("REGISTER_CHANGED", "REGISTER_CHANGED", "REGISTER_CHANGED")));

        // Due yesterday and not running: the senior leader now, the board five days on, each once.
        sweep.sweep();
        sweep.sweep();
        as("senior").get("/escalations?kind=OVERDUE_ACTION&incidentId=" + incidentId).then()
                .body("total", equalTo(1))
                .body("items[0].level", equalTo("SENIOR_LEADER"))
                .body("items[0].actionId", equalTo(change));
        TestClock.CLOCK.advance(Duration.ofDays(5));
        sweep.sweep();
        sweep.sweep();
        as("senior").get("/escalations?kind=OVERDUE_ACTION&incidentId=" + incidentId).then()
                .body("total", equalTo(2))
                .body("items.level", hasItems("SENIOR_LEADER", "BOARD"));
        as("auditor").get("/plans/{id}/history", planId).then()
                .body("what", hasItems("REGISTER_CHANGED", "ESCALATED"));
    }

    @Test
    void theRegisterIsSeededVersionedAndPublished() throws Exception {
        var seeded = TopicReader.await(kafka(), Topics.CONTROLS, Duration.ofSeconds(60),
                r -> "CTRL-MED-02".equals(r.key()));
        assertThat(control(seeded.value()).sites())
                .containsExactly("south");
        as("leader.north").get("/controls?size=50").then().statusCode(200)
                .body("items.id", hasItems("CTRL-FALLS-01", "CTRL-STAFF-01"))
                .body("items.id", not(hasItem("CTRL-MED-02")));
        as("leader.north").get("/controls/CTRL-MED-02").then().statusCode(404);
        as("auditor").get("/controls/CTRL-NEWS-01/versions").then().statusCode(200)
                .body("version", hasItems(1, 2)).body("[0].indicator.threshold", equalTo(0.8f));

        Map<String, Object> control = Map.of("name", "Time-critical medicines given within 30 minutes",
                "type", "ESCALATION_THRESHOLD", "sites", List.of("south"), "monitoringOwner", "leader.south",
                "indicator", Map.of("name", "Late time-critical doses", "unit", "count", "threshold", 1.0,
                        "goodDirection", "DOWN"));
        as("leader.south").contentType(ContentType.JSON).body(Map.of("control", control, "reason", "tighter"))
                .post("/controls/CTRL-MED-02/revisions").then().statusCode(403);
        as("senior").contentType(ContentType.JSON)
                .body(Map.of("control", control, "reason", "Escalate from the second late dose, not the third"))
                .post("/controls/CTRL-MED-02/revisions").then().statusCode(200)
                .body("version", equalTo(2)).body("frequency", equalTo("WEEKLY"));
        as("senior").get("/controls/CTRL-MED-02/versions").then()
                .body("indicator.threshold", equalTo(List.of(2.0f, 1.0f)))
                .body("[1].changeReason", equalTo("Escalate from the second late dose, not the third"));
        var revised = TopicReader.await(kafka(), Topics.CONTROLS, Duration.ofSeconds(30),
                r -> "CTRL-MED-02".equals(r.key()) && control(r.value()).version() == 2);
        assertThat(control(revised.value()).indicator().threshold()).isEqualTo(1.0);

        Map<String, Object> created = Map.of("id", "CTRL-PU-02", "control", Map.of("name",
                "Mattress checks on admission", "type", "ENVIRONMENT_EQUIPMENT", "sites", List.of("south"),
                "monitoringOwner", "reporter.north", "indicator", Map.of("name", "Mattresses checked", "unit", "rate",
                        "threshold", 1.0, "goodDirection", "UP")));
        as("senior").contentType(ContentType.JSON).body(created).post("/controls").then().statusCode(422)
                .body("errors.field", hasItem("monitoringOwner"));
    }

    @Test
    void plansAreForLeadersVerifiersAndAuditors() {
        given().get("/plans").then().statusCode(401);
        as("reporter.north").get("/plans").then().statusCode(403);
        as("auditor").get("/plans").then().statusCode(200);
        as("reporter.north").get("/packs/current").then().statusCode(403);
    }

    private static ValidatableResponse record(String week, String actionId, double value) {
        return as("leader.north").contentType(ContentType.JSON)
                .body(Map.of("actionId", actionId, "done", true, "value", value))
                .post("/packs/{week}/results", week).then();
    }

    private static ControlPublished control(byte[] value) {
        try {
            return EventJson.read(EventJson.tree(value), ControlPublished.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> training(UUID failure) {
        return Map.of("controlFailureId", failure, "kind", "SUPPORTING", "actionType", "TRAINING",
                "description", "Night staff trained on the falls reassessment due list", "baseline", 0.72,
                "dueOn", "2026-03-20");
    }
}
