package io.closeloop.accountability;

import static io.closeloop.testing.ServiceUnderTest.as;
import static io.closeloop.testing.ServiceUnderTest.kafka;
import static org.awaitility.Awaitility.await;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReviewed;
import io.closeloop.testing.SiteFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Approved reviews as incident-service publishes them, and waiting for their accountabilities to open. */
final class TestReviews {

    private TestReviews() {
    }

    static IncidentReviewed reviewed(UUID incidentId, String site, Instant approvedAt, String... owners) {
        return new IncidentReviewed(incidentId, site, "R-" + incidentId, IncidentCategory.FALLS, HarmLevel.LOW,
                UUID.randomUUID(), "reviewer." + site, "senior", approvedAt,
                Arrays.stream(owners).map(owner -> new IncidentReviewed.ControlFailure(UUID.randomUUID(),
                        "CTRL-FALLS-01", "Falls risk reassessment", "MISSED_SUPERVISION", "Overdue by 3 weeks",
                        owner)).toList());
    }

    /** Publishes an approved review and returns its accountability ids, in the order of its control failures. */
    static List<String> open(String site, Instant approvedAt, String... owners) {
        UUID incidentId = UUID.randomUUID();
        IncidentReviewed review = reviewed(incidentId, site, approvedAt, owners);
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish(Topics.INCIDENTS_REVIEWED, incidentId.toString(), review);
        }
        List<String> failures = review.controlFailures().stream().map(f -> f.controlFailureId().toString()).toList();
        List<Map<String, String>> items = await().atMost(Duration.ofSeconds(60)).until(() -> as("senior")
                .get("/accountabilities?incidentId=" + incidentId).then().statusCode(200)
                .extract().<List<Map<String, String>>>path("items"), found -> found.size() == owners.length);
        return failures.stream().map(failure -> items.stream()
                .filter(item -> failure.equals(item.get("controlFailureId"))).findFirst().orElseThrow().get("id"))
                .toList();
    }

    static List<String> open(String site, String... owners) {
        return open(site, TestClock.CLOCK.instant(), owners);
    }

    static Map<String, Object> expectation() {
        return Map.of("whatWillChange", "Weekly audit of reassessment dates", "indicator",
                "Reassessments on time", "target", ">= 95%", "byWhen", TestClock.today().plusWeeks(8).toString());
    }
}
