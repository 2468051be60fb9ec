package io.closeloop.verification;

import static io.closeloop.testing.ServiceUnderTest.as;
import static io.closeloop.testing.ServiceUnderTest.kafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.closeloop.contracts.events.ClosureChallenged;
import io.closeloop.contracts.events.IncidentClosed;
import io.closeloop.contracts.events.IncidentReviewed;
import io.closeloop.contracts.events.VerificationFailed;
import io.closeloop.local.LocalInfraTestResource;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "verification_test"))
class VerificationServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EntityManager entityManager;

    @Test
    void criteriaComeFirstThenResultsThenAClosureSignedOffByANonOwner() throws Exception {
        UUID incidentId = UUID.randomUUID();
        UUID falls = UUID.randomUUID();
        UUID meds = UUID.randomUUID();
        String site = "north";
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish(Topics.INCIDENTS_REVIEWED, incidentId.toString(), new IncidentReviewed(incidentId, site,
                    "N-77", IncidentCategory.FALLS, HarmLevel.MODERATE, UUID.randomUUID(), "reviewer.north", "senior",
                    Instant.now(), List.of(new IncidentReviewed.ControlFailure(falls, "CTRL-FALLS-01",
                            "Falls risk reassessment", "MISSED_SUPERVISION",
                            "Reassessment <b>three weeks</b> overdue", "leader.north"))));
        }
        String id = opened(incidentId, site, List.of(action(falls, "Falls risk reassessment", "leader.north", 0.72),
                action(meds, "Medication round check", "leader.south", null)));

        as("verifier").contentType(ContentType.JSON).body(resample(falls, 10)).post("/verifications/{id}/checks", id)
                .then().statusCode(422).body("errors[0].field", equalTo("sampleSize"))
                .body("errors[0].message", containsString("plan at least 16"));
        as("verifier").contentType(ContentType.JSON)
                .body(Map.of("controlFailureId", meds, "method", "RETEST", "criterion", "x", "sampleSize", 100,
                        "requiredImprovement", 0.1))
                .post("/verifications/{id}/checks", id).then().statusCode(422)
                .body("errors[0].message", containsString("no baseline"));

        String checkId = as("verifier").contentType(ContentType.JSON).body(resample(falls, 30))
                .post("/verifications/{id}/checks", id).then().statusCode(201)
                .body("verdict", equalTo("PENDING")).body("locked", equalTo(false))
                .body("minimumSample", equalTo(16)).extract().path("id");
        as("verifier").contentType(ContentType.JSON).body(resample(falls, 20))
                .put("/verifications/{id}/checks/{check}", id, checkId).then().statusCode(200)
                .body("plannedCount", equalTo(20));

        as("verifier").contentType(ContentType.JSON).body(results(List.of(result("case-01", true,
                "<script>alert('x')</script> & done"))))
                .post("/verifications/{id}/checks/{check}/results", id, checkId).then().statusCode(201)
                .body("recorded", equalTo(1)).body("locked", equalTo(true))
                .body("results[0].evidenceSource", equalTo("Care records"));
        as("verifier").contentType(ContentType.JSON).body(resample(falls, 40))
                .put("/verifications/{id}/checks/{check}", id, checkId).then().statusCode(409)
                .body("detail", containsString("locked"));
        as("verifier").contentType(ContentType.JSON).body(results(List.of(result("case-01", true, null))))
                .post("/verifications/{id}/checks/{check}/results", id, checkId).then().statusCode(409);
        as("verifier").contentType(ContentType.JSON).body(results(List.of(result("Jane Doe", true, null))))
                .post("/verifications/{id}/checks/{check}/results", id, checkId).then().statusCode(400);

        as("senior").contentType(ContentType.JSON).body(Map.of("rationale", "Looks fine"))
                .post("/verifications/{id}/close", id).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors", hasSize(2))
                .body("detail", containsString("incomplete: 1 of 20 results recorded"))
                .body("detail", containsString("Medication round check (" + meds + ") has no check"));

        List<Map<String, Object>> rest = new ArrayList<>();
        for (int i = 2; i <= 20; i++) {
            rest.add(result(String.format("case-%02d", i), true, null));
        }
        as("verifier").contentType(ContentType.JSON).body(results(rest))
                .post("/verifications/{id}/checks/{check}/results", id, checkId).then().statusCode(201)
                .body("verdict", equalTo("PASSED")).body("passRate", equalTo(1.0f));
        as("verifier").contentType(ContentType.JSON).body(results(List.of(result("case-21", true, null))))
                .post("/verifications/{id}/checks/{check}/results", id, checkId).then().statusCode(422);

        String observation = as("verifier").contentType(ContentType.JSON)
                .body(Map.of("controlFailureId", meds, "method", "OBSERVE", "criterion", "Round done as trained",
                        "passThreshold", 0.5, "observations", 8, "checklist", List.of("Chart checked", "Signed")))
                .post("/verifications/{id}/checks", id).then().statusCode(201).extract().path("id");
        List<Map<String, Object>> seen = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            seen.add(result("obs-" + i, true, null));
        }
        as("verifier").contentType(ContentType.JSON).body(results(seen))
                .post("/verifications/{id}/checks/{check}/results", id, observation).then().statusCode(201)
                .body("verdict", equalTo("PASSED"));

        as("leader.north").contentType(ContentType.JSON).body(Map.of("rationale", "x"))
                .post("/verifications/{id}/close", id).then().statusCode(403);
        as("senior").contentType(ContentType.JSON).body(Map.of("rationale", "20 of 20 re-sampled on time"))
                .post("/verifications/{id}/close", id).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("closureBlockers", hasSize(0));

        var published = TopicReader.await(kafka(), Topics.INCIDENTS_CLOSED, WAIT,
                r -> incidentId.toString().equals(r.key()));
        IncidentClosed closed = EventJson.read(EventJson.tree(published.value()), IncidentClosed.class);
        assertThat(closed.closedBy()).isEqualTo("senior");
        assertThat(closed.verificationId()).hasToString(id);

        as("auditor").get("/verifications/{id}/history", id).then().statusCode(200)
                .body("kind", hasItems("OPENED", "CHECK_PLANNED", "CRITERIA_EDITED", "RESULTS_RECORDED",
                        "CHECK_PASSED", "CLOSED"));

        String report = await().atMost(WAIT).until(() -> as("auditor").get("/incidents/{id}/closure-report",
                incidentId).then().statusCode(200).contentType(containsString("text/html")).extract().asString(),
                html -> html.contains("MISSED_SUPERVISION"));
        // Kept beside the build for a person to open, print or render.
        Files.writeString(Path.of("target", "closure-report.html"), report);
        assertThat(report)
                .contains("Closure report", incidentId.toString(), "N-77", "Falls risk reassessment", "leader.north",
                        "Closure signed off", "20 of 20 re-sampled on time", "case-07", "Chart checked",
                        "@media print", "Care records")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; done")
                .contains("Reassessment &lt;b&gt;three weeks&lt;/b&gt; overdue")
                .doesNotContain("<script>", "<b>three weeks</b>");
        as("verifier").get("/incidents/{id}/closure-report", incidentId).then().statusCode(403);
        as("senior").get("/incidents/{id}/closure-report", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aVerifierNeverChecksTheirOwnControl() {
        UUID failure = UUID.randomUUID();
        String id = opened(UUID.randomUUID(), "north", List.of(action(failure, "Falls", "verifier", 0.7)));
        as("verifier").contentType(ContentType.JSON).body(resample(failure, 60))
                .post("/verifications/{id}/checks", id).then().statusCode(422)
                .body("detail", containsString("cannot verify a control they own"));
    }

    @Test
    void aRejectionSendsTheIncidentBackAndTheNextEmbeddingOpensTheNextCycle() throws Exception {
        UUID incidentId = UUID.randomUUID();
        UUID failure = UUID.randomUUID();
        String first = opened(incidentId, "north", List.of(action(failure, "Falls", "leader.north", 0.72)));
        String checkId = as("verifier").contentType(ContentType.JSON)
                .body(Map.of("controlFailureId", failure, "method", "RETEST", "criterion", "Reassessed on time",
                        "sampleSize", 40, "requiredImprovement", 0.1))
                .post("/verifications/{id}/checks", first).then().statusCode(201)
                .body("passThreshold", equalTo(0.82f)).body("baseline", equalTo(0.72f)).extract().path("id");
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            records.add(result("rec-" + i, i <= 34, null));
        }
        as("verifier").contentType(ContentType.JSON).body(results(records))
                .post("/verifications/{id}/checks/{check}/results", first, checkId).then().statusCode(201)
                .body("verdict", equalTo("FAILED"));
        as("verifier").contentType(ContentType.JSON).body(resample(failure, 60).with("supersedes", checkId))
                .post("/verifications/{id}/checks", first).then().statusCode(409)
                .body("detail", containsString("verdict stands"));
        as("senior").contentType(ContentType.JSON).body(Map.of("rationale", "x"))
                .post("/verifications/{id}/close", first).then().statusCode(422)
                .body("detail", containsString("failed: 34 of 40 passed"));
        as("senior").contentType(ContentType.JSON).body(Map.of("reasons", List.of("Still below the baseline")))
                .post("/verifications/{id}/reject", first).then().statusCode(200).body("status", equalTo("REJECTED"));
        var failed = TopicReader.await(kafka(), Topics.VERIFICATION_FAILED, WAIT,
                r -> incidentId.toString().equals(r.key()));
        assertThat(EventJson.read(EventJson.tree(failed.value()), VerificationFailed.class).reasons())
                .containsExactly("Still below the baseline");

        embed(incidentId, "north", List.of(action(failure, "Falls", "leader.north", 0.72)));
        JsonPath second = await().atMost(WAIT).until(() -> as("verifier")
                .get("/verifications?incidentId=" + incidentId + "&status=OPEN").then().statusCode(200)
                .extract().jsonPath(), page -> page.getList("items").size() == 1);
        assertThat(second.getInt("items[0].cycle")).isEqualTo(2);
        assertThat(second.getString("items[0].previousVerificationId")).isEqualTo(first);
    }

    @Test
    void aRepeatWithinTheWindowChallengesTheClosureAndOpensANewCycle() {
        // The only test on this site, so its counts are this test's alone.
        String site = "south";
        UUID incidentId = UUID.randomUUID();
        UUID failure = UUID.randomUUID();
        String id = opened(incidentId, site, List.of(action(failure, "Falls", "leader.north", 0.72)));
        String checkId = as("verifier").contentType(ContentType.JSON).body(resample(failure, 16))
                .post("/verifications/{id}/checks", id).then().statusCode(201).extract().path("id");
        List<Map<String, Object>> cases = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            cases.add(result("c" + i, true, null));
        }
        as("verifier").contentType(ContentType.JSON).body(results(cases))
                .post("/verifications/{id}/checks/{check}/results", id, checkId).then().statusCode(201);
        as("senior").contentType(ContentType.JSON).body(Map.of("rationale", "16 of 16"))
                .post("/verifications/{id}/close", id).then().statusCode(200);

        UUID lateRepeat = UUID.randomUUID();
        UUID repeat = UUID.randomUUID();
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish(Topics.CLOSURE_CHALLENGED, incidentId.toString(), new ClosureChallenged(incidentId, site,
                    lateRepeat, "Another fall, same ward", Instant.now().plus(200, ChronoUnit.DAYS)));
            feed.publish(Topics.CLOSURE_CHALLENGED, incidentId.toString(), new ClosureChallenged(incidentId, site,
                    repeat, "Another fall, same resident", Instant.now().plus(30, ChronoUnit.DAYS)));
        }
        JsonPath reopened = await().atMost(WAIT).until(() -> as("senior")
                .get("/verifications?incidentId=" + incidentId + "&status=OPEN").then().statusCode(200)
                .extract().jsonPath(), page -> page.getList("items").size() == 1);
        assertThat(reopened.getString("items[0].openedBecause")).isEqualTo("CHALLENGED");
        assertThat(reopened.getInt("items[0].cycle")).isEqualTo(2);
        assertThat(reopened.getString("items[0].targets[0].owner")).isEqualTo("leader.north");
        as("senior").get("/verifications/{id}", id).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("challengedAt", notNullValue());
        as("senior").get("/verifications?challenged=true&size=200").then().statusCode(200)
                .body("items.id", hasItem(id));

        JsonPath counts = await().atMost(WAIT).until(() -> as("auditor").get("/surveillance").then().statusCode(200)
                .extract().jsonPath(), c -> c.getList("sites.findAll { it.site == '" + site + "' }").size() == 1
                        && c.getInt("sites.find { it.site == '" + site + "' }.repeatsAfterWindow") == 1);
        assertThat(counts.getString("challengeWindow")).isEqualTo("P6M");
        Map<String, Object> mine = counts.getMap("sites.find { it.site == '" + site + "' }");
        assertThat(mine).containsEntry("closedIncidents", 1).containsEntry("challengedClosures", 1)
                .containsEntry("repeatsWithinWindow", 1).containsEntry("repeatsAfterWindow", 1);
        as("verifier").get("/verifications/{id}/history", id).then().statusCode(200)
                .body("kind", hasItems("CLOSURE_CHALLENGED", "REPEAT_AFTER_WINDOW"));
        as("auditor").get("/incidents/{id}/closure-report", incidentId).then().statusCode(200)
                .body(containsString(repeat.toString()), containsString("the closure was challenged"),
                        containsString("Verification cycle 2"), not(containsString("MISSED_SUPERVISION")));
    }

    @Test
    void sampleSizeAdvice() {
        as("verifier").get("/verifications/sample-size?threshold=0.8&expectedRate=1.0").then().statusCode(200)
                .body("sampleSize", equalTo(16)).body("passesNeeded", equalTo(16));
        as("verifier").get("/verifications/sample-size?threshold=0.9&expectedRate=0.85").then().statusCode(422)
                .body("detail", containsString("above the threshold"));
        as("verifier").get("/verifications/sample-size?expectedRate=0.85").then().statusCode(400);
    }

    @Test
    void historyIsAppendOnly() {
        String id = opened(UUID.randomUUID(), "north", List.of(action(UUID.randomUUID(), "Falls", "leader.north",
                null)));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update verification_history set detail = 'rewritten' where verification_id = "
                        + "cast(:id as uuid)").setParameter("id", id).executeUpdate()))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from verification_history where verification_id = cast(:id as uuid)")
                .setParameter("id", id).executeUpdate()))
                .hasStackTraceContaining("append-only");
        as("auditor").get("/verifications/{id}/history", id).then().statusCode(200)
                .body("detail[0]", containsString("Cycle 1 opened"));
    }

    private static ActionsEmbedded.EmbeddedAction action(UUID failure, String control, String owner,
            Double baseline) {
        return new ActionsEmbedded.EmbeddedAction(UUID.randomUUID(), failure, control, owner,
                "Supervision sample from 5 to 10", "Reassessments on time", baseline, List.of(0.9, 0.95));
    }

    private static void embed(UUID incidentId, String site, List<ActionsEmbedded.EmbeddedAction> actions) {
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish(Topics.ACTIONS_EMBEDDED, incidentId.toString(), new ActionsEmbedded(incidentId, site,
                    UUID.randomUUID(), actions, Instant.now()));
        }
    }

    private static String opened(UUID incidentId, String site, List<ActionsEmbedded.EmbeddedAction> actions) {
        embed(incidentId, site, actions);
        return await().atMost(WAIT).until(() -> as("senior")
                .get("/verifications?incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"), found -> found != null);
    }

    private static Body resample(UUID failure, int sampleSize) {
        Body body = new Body();
        body.putAll(Map.of("controlFailureId", failure, "method", "RESAMPLE",
                "criterion", "Reassessed by its due date", "passThreshold", 0.8, "sampleSize", sampleSize,
                "periodStart", LocalDate.now().minusDays(30).toString(), "periodEnd", LocalDate.now().toString()));
        return body;
    }

    private static Map<String, Object> result(String reference, boolean passed, String notes) {
        Map<String, Object> result = new HashMap<>(Map.of("reference", reference, "passed", passed,
                "evidence", Map.of("source", "Care records", "capturedOn", LocalDate.now().toString())));
        if (notes != null) {
            result.put("notes", notes);
        }
        return result;
    }

    private static Map<String, Object> results(List<Map<String, Object>> results) {
        return Map.of("results", results);
    }

    /** A request body a test can extend. */
    private static final class Body extends HashMap<String, Object> {

        Body with(String key, Object value) {
            put(key, value);
            return this;
        }
    }
}
