package io.closeloop.accountability;

import static io.closeloop.testing.ServiceUnderTest.as;
import static io.closeloop.testing.ServiceUnderTest.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.AccountabilityAssigned;
import io.closeloop.contracts.events.IncidentReviewed;
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
        initArgs = @ResourceArg(name = "database", value = "accountability_test"))
class AccountabilityServiceTest {

    @Test
    void ownersAcknowledgeEachFailureAndCompletionIsPublishedOnceForAll() throws Exception {
        UUID incidentId = UUID.randomUUID();
        IncidentReviewed reviewed = reviewed(incidentId, "leader.north", "leader.north");
        try (SiteFeed feed = new SiteFeed(kafka())) {
            String eventId = feed.publish(Topics.INCIDENTS_REVIEWED, incidentId.toString(), reviewed);
            feed.publish(Topics.INCIDENTS_REVIEWED, incidentId.toString(), reviewed, eventId);
        }
        List<String> ids = await().atMost(Duration.ofSeconds(60)).until(() -> as("leader.north")
                .get("/accountabilities?mine=true&incidentId=" + incidentId).then().statusCode(200)
                .extract().<List<String>>path("items.id"), found -> found.size() == 2);
        // The redelivery sits right behind the original on the partition; once a later event is applied, so is it.
        UUID later = UUID.randomUUID();
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish(Topics.INCIDENTS_REVIEWED, incidentId.toString(), reviewed(later, "leader.north"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("senior")
                .get("/accountabilities?incidentId=" + later).then().body("total", equalTo(1)));
        as("senior").get("/accountabilities?incidentId=" + incidentId).then().body("total", equalTo(2));

        as("leader.south").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", ids.get(0)).then().statusCode(404);
        as("leader.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", ids.get(0)).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        as("leader.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", ids.get(0)).then().statusCode(409);
        as("leader.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", ids.get(1)).then().statusCode(200);

        var published = TopicReader.await(kafka(), Topics.ACCOUNTABILITY_ASSIGNED, Duration.ofSeconds(30),
                r -> incidentId.toString().equals(r.key()));
        AccountabilityAssigned assigned = EventJson.read(EventJson.tree(published.value()),
                AccountabilityAssigned.class);
        assertThat(assigned.commitments()).hasSize(2)
                .allSatisfy(c -> assertThat(c.whatWillChange()).isEqualTo("Weekly audit of reassessment dates"));
    }

    @Test
    void onlyLeadersSeeAccountabilitiesAndInvalidAnswersAreProblems() {
        given().get("/accountabilities").then().statusCode(401);
        as("reviewer.north").get("/accountabilities").then().statusCode(403);
        as("leader.north").contentType(ContentType.JSON).body(Map.of("whatWillChange", ""))
                .post("/accountabilities/{id}/acknowledge", UUID.randomUUID()).then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static Map<String, Object> expectation() {
        return Map.of("whatWillChange", "Weekly audit of reassessment dates", "indicator",
                "Reassessments on time", "target", ">= 95%", "byWhen", TestClock.today().plusWeeks(4).toString());
    }

    private static IncidentReviewed reviewed(UUID incidentId, String... owners) {
        return new IncidentReviewed(incidentId, "north", "N-" + incidentId, IncidentCategory.FALLS, HarmLevel.LOW,
                UUID.randomUUID(), "reviewer.north", "senior", Instant.now(),
                java.util.Arrays.stream(owners).map(owner -> new IncidentReviewed.ControlFailure(UUID.randomUUID(),
                        "CTRL-FALLS-01", "Falls risk reassessment", "MISSED_SUPERVISION", "Overdue by 3 weeks",
                        owner)).toList());
    }
}
