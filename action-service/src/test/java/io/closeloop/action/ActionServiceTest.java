package io.closeloop.action;

import static io.closeloop.testing.ServiceUnderTest.as;
import static io.closeloop.testing.ServiceUnderTest.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.AccountabilityAssigned;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.closeloop.contracts.events.VerificationFailed;
import io.closeloop.local.LocalInfraTestResource;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "action_test"))
class ActionServiceTest {

    @Test
    void anEmbeddedPlanIsPublishedAndAFailedVerificationReopensIt() throws Exception {
        UUID incidentId = UUID.randomUUID();
        UUID failure = UUID.randomUUID();
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish(Topics.ACCOUNTABILITY_ASSIGNED, incidentId.toString(), new AccountabilityAssigned(
                    incidentId, "north", List.of(new AccountabilityAssigned.Commitment(failure, "CTRL-FALLS-01",
                            "Falls risk reassessment", "leader.north", "Weekly audit", "Reassessments on time",
                            ">= 95%", LocalDate.now().plusWeeks(6))), Instant.now()));
        }
        String planId = await().atMost(Duration.ofSeconds(60)).until(() -> as("leader.north")
                .get("/plans?incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"), id -> id != null);

        as("leader.south").contentType(ContentType.JSON).body(action(failure))
                .post("/plans/{id}/actions", planId).then().statusCode(404);
        as("leader.north").contentType(ContentType.JSON).body(Map.of("controlFailureId", failure))
                .post("/plans/{id}/actions", planId).then().statusCode(400)
                .contentType("application/problem+json");
        String actionId = as("leader.north").contentType(ContentType.JSON).body(action(failure))
                .post("/plans/{id}/actions", planId).then().statusCode(201).extract().path("id");
        as("leader.north").post("/plans/{id}/actions/{action}/embed", planId, actionId).then().statusCode(200)
                .body("status", equalTo("EMBEDDED"));

        var published = TopicReader.await(kafka(), Topics.ACTIONS_EMBEDDED, Duration.ofSeconds(30),
                r -> incidentId.toString().equals(r.key()));
        ActionsEmbedded embedded = EventJson.read(EventJson.tree(published.value()), ActionsEmbedded.class);
        assertThat(embedded.actions()).singleElement()
                .satisfies(a -> assertThat(a.baseline()).isEqualTo(0.72))
                .satisfies(a -> assertThat(a.owner()).isEqualTo("leader.north"));

        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish(Topics.VERIFICATION_FAILED, incidentId.toString(), new VerificationFailed(incidentId,
                    "north", UUID.randomUUID(), "senior", List.of("Pass rate below threshold"), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("leader.north").get("/plans/{id}", planId)
                .then().body("status", equalTo("REOPENED"))
                .body("actions[0].status", equalTo("PLANNED"))
                .body("reopenReasons", equalTo("Pass rate below threshold")));
    }

    @Test
    void plansAreForLeadersVerifiersAndAuditors() {
        given().get("/plans").then().statusCode(401);
        as("reporter.north").get("/plans").then().statusCode(403);
        as("auditor").get("/plans").then().statusCode(200);
    }

    private static Map<String, Object> action(UUID failure) {
        return Map.of("controlFailureId", failure, "kind", "CHANGE_CONTROL",
                "description", "Supervision sample raised from 5 to 10 records", "baseline", 0.72);
    }
}
