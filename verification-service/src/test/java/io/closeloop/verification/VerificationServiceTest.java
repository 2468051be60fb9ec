package io.closeloop.verification;

import static io.closeloop.testing.ServiceUnderTest.as;
import static io.closeloop.testing.ServiceUnderTest.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.closeloop.contracts.events.IncidentClosed;
import io.closeloop.local.LocalInfraTestResource;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "verification_test"))
class VerificationServiceTest {

    @Test
    void closesOnlyOnPassingEvidenceSignedOffByANonOwner() throws Exception {
        UUID incidentId = UUID.randomUUID();
        UUID failure = UUID.randomUUID();
        String verificationId = opened(incidentId, failure, "senior");

        as("senior").contentType(ContentType.JSON).body(Map.of("rationale", "Looks fine"))
                .post("/verifications/{id}/close", verificationId).then().statusCode(422)
                .contentType("application/problem+json");
        as("verifier").contentType(ContentType.JSON).body(check(failure, 5, 0))
                .post("/verifications/{id}/checks", verificationId).then().statusCode(201)
                .body("outcome", equalTo("FAILED"));
        as("leader.north").contentType(ContentType.JSON).body(Map.of("rationale", "x"))
                .post("/verifications/{id}/close", verificationId).then().statusCode(403);
        as("senior").contentType(ContentType.JSON).body(Map.of("rationale", "Five cases"))
                .post("/verifications/{id}/close", verificationId).then().statusCode(422)
                .body("detail", containsString("An owner of a control under test cannot sign off"));

        UUID second = UUID.randomUUID();
        String otherVerification = opened(second, failure, "leader.north");
        as("verifier").contentType(ContentType.JSON).body(check(failure, 5, 0))
                .post("/verifications/{id}/checks", otherVerification).then().statusCode(201);
        as("senior").contentType(ContentType.JSON).body(Map.of("rationale", "Five cases"))
                .post("/verifications/{id}/close", otherVerification).then().statusCode(422)
                .body("detail", containsString("failed its latest check"));
        as("verifier").contentType(ContentType.JSON).body(check(failure, 58, 2))
                .post("/verifications/{id}/checks", otherVerification).then().statusCode(201)
                .body("outcome", equalTo("PASSED"));
        as("senior").contentType(ContentType.JSON).body(Map.of("rationale", "58 of 60 on time"))
                .post("/verifications/{id}/close", otherVerification).then().statusCode(200)
                .body("status", equalTo("CLOSED"));

        var published = TopicReader.await(kafka(), Topics.INCIDENTS_CLOSED, Duration.ofSeconds(30),
                r -> second.toString().equals(r.key()));
        IncidentClosed closed = EventJson.read(EventJson.tree(published.value()), IncidentClosed.class);
        assertThat(closed.closedBy()).isEqualTo("senior");
    }

    @Test
    void aVerifierNeverChecksTheirOwnControl() {
        UUID failure = UUID.randomUUID();
        String verificationId = opened(UUID.randomUUID(), failure, "verifier");
        as("verifier").contentType(ContentType.JSON).body(check(failure, 58, 2))
                .post("/verifications/{id}/checks", verificationId).then().statusCode(422);
    }

    private static String opened(UUID incidentId, UUID failure, String owner) {
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish(Topics.ACTIONS_EMBEDDED, incidentId.toString(), new ActionsEmbedded(incidentId, "north",
                    UUID.randomUUID(), List.of(new ActionsEmbedded.EmbeddedAction(UUID.randomUUID(), failure,
                            "Falls risk reassessment", owner, "Supervision sample from 5 to 10",
                            "Reassessments on time", 0.72, List.of(0.9, 0.95))), Instant.now()));
        }
        return await().atMost(Duration.ofSeconds(60)).until(() -> as("verifier")
                .get("/verifications?incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"), id -> id != null);
    }

    private static Map<String, Object> check(UUID failure, int passed, int failed) {
        return Map.of("controlFailureId", failure, "method", "RESAMPLE", "criterion", "Reassessed by due date",
                "passThreshold", 0.8, "passed", passed, "failed", failed);
    }
}
