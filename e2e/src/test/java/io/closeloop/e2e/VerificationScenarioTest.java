package io.closeloop.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.closeloop.contracts.events.ClosureChallenged;
import io.closeloop.contracts.events.IncidentClosed;
import io.closeloop.contracts.events.VerificationFailed;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.Tokens;
import io.closeloop.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stage 4 as its own process: a verification that fails and is rejected goes back to stage 3, the next embedding is
 * verified again and closes, and a repeat incident within the window challenges the closure. Stage 3's and stage 1's
 * events are published as those services publish them, so the scenario does not depend on their REST flows.
 */
class VerificationScenarioTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void aRejectedVerificationGoesBackToStage3ThenClosesAndARepeatChallengesTheClosure() throws Exception {
        UUID incidentId = UUID.randomUUID();
        UUID falls = UUID.randomUUID();
        embed(incidentId, falls);

        // Cycle 1: the re-test against stage 3's baseline fails; the senior leader cannot close, and rejects.
        String first = openCycle(incidentId, 1);
        String retest = as("verifier").contentType(ContentType.JSON)
                .body(Map.of("controlFailureId", falls, "method", "RETEST", "criterion", "Reassessed on time",
                        "sampleSize", 40, "requiredImprovement", 0.1))
                .post("/verifications/{id}/checks", first).then().statusCode(201)
                .body("passThreshold", equalTo(0.82f)).extract().path("id");
        record(first, retest, 40, 33);
        as("senior").contentType(ContentType.JSON).body(Map.of("rationale", "Looks better"))
                .post("/verifications/{id}/close", first).then().statusCode(422)
                .body("detail", containsString("failed: 33 of 40 passed"));
        as("senior").contentType(ContentType.JSON)
                .body(Map.of("reasons", List.of("On-time reassessment not shown above baseline + 0.10")))
                .post("/verifications/{id}/reject", first).then().statusCode(200).body("status", equalTo("REJECTED"));
        var failed = TopicReader.await(platform.kafka(), Topics.VERIFICATION_FAILED, TIMEOUT,
                r -> incidentId.toString().equals(r.key()));
        assertThat(EventJson.read(EventJson.tree(failed.value()), VerificationFailed.class).verificationId())
                .hasToString(first);

        // Stage 3 embeds again; cycle 2 re-samples with criteria fixed before the results, and closes.
        embed(incidentId, falls);
        String second = openCycle(incidentId, 2);
        String resample = as("verifier").contentType(ContentType.JSON)
                .body(Map.of("controlFailureId", falls, "method", "RESAMPLE", "criterion", "Reassessed by due date",
                        "passThreshold", 0.8, "sampleSize", 60, "periodStart", LocalDate.now().minusWeeks(4).toString(),
                        "periodEnd", LocalDate.now().toString()))
                .post("/verifications/{id}/checks", second).then().statusCode(201).extract().path("id");
        record(second, resample, 60, 58);
        as("verifier").contentType(ContentType.JSON)
                .body(Map.of("controlFailureId", falls, "method", "RESAMPLE", "criterion", "Looser",
                        "passThreshold", 0.5, "sampleSize", 60, "periodStart", LocalDate.now().toString(),
                        "periodEnd", LocalDate.now().toString()))
                .put("/verifications/{id}/checks/{check}", second, resample).then().statusCode(409);
        as("senior").contentType(ContentType.JSON).body(Map.of("rationale", "58 of 60 on time; lower bound 0.89"))
                .post("/verifications/{id}/close", second).then().statusCode(200).body("status", equalTo("CLOSED"));
        var closed = TopicReader.await(platform.kafka(), Topics.INCIDENTS_CLOSED, TIMEOUT,
                r -> incidentId.toString().equals(r.key()));
        assertThat(EventJson.read(EventJson.tree(closed.value()), IncidentClosed.class).verificationId())
                .hasToString(second);

        // A repeat incident linked within six months challenges the closure: flagged, and cycle 3 opens.
        UUID repeat = UUID.randomUUID();
        try (SiteFeed feed = new SiteFeed(platform.kafka())) {
            feed.publish(Topics.CLOSURE_CHALLENGED, incidentId.toString(), new ClosureChallenged(incidentId, "north",
                    repeat, "Same resident fell again", Instant.now().plus(20, ChronoUnit.DAYS)));
        }
        openCycle(incidentId, 3);
        as("auditor").get("/verifications/{id}", second).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("challengedAt", notNullValue());

        String report = as("auditor").get("/incidents/{id}/closure-report", incidentId).then().statusCode(200)
                .extract().asString();
        assertThat(report).contains("Verification cycle 1", "Verification cycle 2", "Verification cycle 3",
                "Verification rejected", "Closure signed off", "58 of 60 on time", repeat.toString(),
                "the closure was challenged");
        JsonPath counts = as("auditor").get("/surveillance").then().statusCode(200).extract().jsonPath();
        assertThat(counts.getInt("challengedClosures")).isPositive();
    }

    private static void embed(UUID incidentId, UUID controlFailure) {
        try (SiteFeed feed = new SiteFeed(platform.kafka())) {
            feed.publish(Topics.ACTIONS_EMBEDDED, incidentId.toString(), new ActionsEmbedded(incidentId, "north",
                    UUID.randomUUID(), List.of(new ActionsEmbedded.EmbeddedAction(UUID.randomUUID(), controlFailure,
                            "Weekly falls risk reassessment check", "leader.north",
                            "Supervision sample raised from 5 to 10 records", "Falls reassessments on time", 0.72,
                            List.of(0.8, 0.86))), Instant.now()));
        }
    }

    private static String openCycle(UUID incidentId, int cycle) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> as("verifier").get("/verifications?status=OPEN&incidentId=" + incidentId).then()
                        .statusCode(200).body("items[0].cycle", equalTo(cycle)).extract().<String>path("items[0].id"),
                        id -> id != null);
    }

    private static void record(String verificationId, String checkId, int cases, int passing) {
        as("verifier").contentType(ContentType.JSON)
                .body(Map.of("results", IntStream.rangeClosed(1, cases).mapToObj(i -> Map.of("reference",
                        "case-" + i, "passed", i <= passing, "notes", "re-sampled")).toList()))
                .post("/verifications/{id}/checks/{check}/results", verificationId, checkId).then().statusCode(201);
    }

    private static RequestSpecification as(String user) {
        return given().baseUri(platform.url("verification-service"))
                .auth().oauth2(Tokens.of(platform.keycloak(), user));
    }
}
