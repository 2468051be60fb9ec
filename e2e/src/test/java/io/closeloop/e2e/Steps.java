package io.closeloop.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.closeloop.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** What the scenarios do the same way: call a service as a demo user, wait for a stage, run a review. */
final class Steps {

    static final Duration STAGE_TIMEOUT = Duration.ofSeconds(60);

    private Steps() {
    }

    static RequestSpecification as(Platform platform, String user, String service) {
        return given().baseUri(platform.url(service)).auth().oauth2(Tokens.of(platform.keycloak(), user));
    }

    static <T> T eventually(Supplier<T> probe) {
        return await().atMost(STAGE_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(probe::get, value -> value != null);
    }

    static ValidatableResponse eventuallyResponse(Supplier<ValidatableResponse> probe) {
        return await().atMost(STAGE_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(probe::get, response -> true);
    }

    /** Moves a service's clock forward: only the e2e platform's services allow it. */
    static void advanceClock(Platform platform, String service, Duration by) {
        as(platform, "senior", service).contentType(ContentType.JSON).body(Map.of("by", by.toString()))
                .post("/clock/advance").then().statusCode(200);
    }

    /** A complete structured review naming one failed control and its owner: drafted, submitted and approved. */
    static String approvedReview(Platform platform, String incidentId, String summary, String controlId,
            String evidence, String owner) {
        String reviewId = as(platform, "reviewer.north", "incident-service").contentType(ContentType.JSON)
                .body(reviewBody(summary, controlId, evidence, owner))
                .post("/incidents/{id}/reviews", incidentId).then().statusCode(201).extract().path("id");
        as(platform, "reviewer.north", "incident-service")
                .post("/incidents/{id}/reviews/{review}/submit", incidentId, reviewId).then().statusCode(200);
        as(platform, "senior", "incident-service")
                .post("/incidents/{id}/reviews/{review}/approve", incidentId, reviewId).then().statusCode(200);
        return reviewId;
    }

    /** A complete structured review body: the leadership questions answered and one failed control with its owner. */
    static Map<String, Object> reviewBody(String summary, String controlId, String evidence, String owner) {
        return Map.of("summary", summary,
                "timeline", "Found at 06:10; checked at 06:15; GP informed at 07:00",
                "contributoryFactors", List.of("TASK", "ORGANISATIONAL"),
                "answers", Map.of(
                        "timeline", "Found at 06:10; the control was last done three weeks before",
                        "controls-that-should-have-detected", "The control named below",
                        "monitoring-responsibility", "The unit leader, through the supervision list",
                        "escalation-thresholds", "Misses escalate after 7 days; none was escalated"),
                "controlFailures", List.of(Map.of(
                        "controlId", controlId,
                        "failureMode", "MISSED_SUPERVISION",
                        "evidence", evidence,
                        "owner", owner)));
    }

    /** The owner records a done result in four consecutive weekly packs; the service's clock moves a week between. */
    static void fourWeeksOfResults(Platform platform, String planId, String actionId) {
        for (int week = 1; week <= 4; week++) {
            as(platform, "leader.north", "action-service").contentType(ContentType.JSON)
                    .body(Map.of("actionId", actionId, "done", true, "value", 0.96))
                    .post("/packs/current/results").then().statusCode(201);
            if (week < 4) {
                as(platform, "leader.north", "action-service").get("/plans/{id}", planId).then()
                        .body("status", equalTo("APPROVED"));
                advanceClock(platform, "action-service", Duration.ofDays(7));
            }
        }
    }

    /** A verifier plans a re-sample of {@code total} cases with its criteria, then records each case's result. */
    static ValidatableResponse resampled(Platform platform, String verificationId, String controlFailureId,
            int passed, int total) {
        String checkId = as(platform, "verifier", "verification-service").contentType(ContentType.JSON)
                .body(Map.of("controlFailureId", controlFailureId, "method", "RESAMPLE",
                        "criterion", "Reassessment done by its due date", "passThreshold", 0.8, "sampleSize", total,
                        "periodStart", LocalDate.now().minusWeeks(4).toString(),
                        "periodEnd", LocalDate.now().toString()))
                .post("/verifications/{id}/checks", verificationId).then().statusCode(201).extract().path("id");
        return as(platform, "verifier", "verification-service").contentType(ContentType.JSON)
                .body(Map.of("results", IntStream.rangeClosed(1, total)
                        .mapToObj(i -> Map.of("reference", "case-" + i, "passed", i <= passed)).toList()))
                .post("/verifications/{id}/checks/{check}/results", verificationId, checkId).then().statusCode(201);
    }
}
