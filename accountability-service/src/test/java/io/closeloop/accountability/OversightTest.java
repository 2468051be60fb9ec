package io.closeloop.accountability;

import static io.closeloop.accountability.TestReviews.expectation;
import static io.closeloop.accountability.TestReviews.open;
import static io.closeloop.testing.ServiceUnderTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.closeloop.local.LocalInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A leader's work list, the sites at a glance, the auditors' register and the monthly indicators. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "accountability_test"))
class OversightTest {

    @Test
    void aLeaderSeesTheirOpenOverdueAndAcknowledgedAccountabilities() {
        List<String> ids = open("north", "leader.north", "leader.north");
        String waiting = ids.get(0);
        as("leader.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", ids.get(1)).then().statusCode(200);

        Map<String, List<String>> before = mine("leader.north");
        assertThat(before.get("open")).contains(waiting).doesNotContain(ids.get(1));
        assertThat(before.get("overdue")).doesNotContain(waiting);
        assertThat(before.get("acknowledged")).contains(ids.get(1)).doesNotContain(waiting);
        assertThat(mine("leader.south").values()).allSatisfy(list -> assertThat(list).doesNotContain(waiting));

        TestClock.CLOCK.advance(Duration.ofDays(10));
        assertThat(mine("leader.north").get("overdue")).contains(waiting);
        List<String> overdueAcrossSites = as("senior").get("/accountabilities?overdue=true&size=200").then()
                .statusCode(200).extract().path("items.id");
        assertThat(overdueAcrossSites).contains(waiting).doesNotContain(ids.get(1));
        List<String> overdueForSouth = as("leader.south").get("/accountabilities?overdue=true&size=200").then()
                .statusCode(200).extract().path("items.id");
        assertThat(overdueForSouth).doesNotContain(waiting);
        as("auditor").get("/my-accountabilities").then().statusCode(403);
    }

    @Test
    void siteSummariesCountByStatusWithinTheCallersSites() {
        open("north", "reviewer.north");
        open("south", "leader.south");
        List<Map<String, Object>> all = as("senior").get("/site-summaries").then().statusCode(200)
                .extract().path("");
        assertThat(all).extracting(row -> row.get("site")).contains("north", "south");
        Map<String, Object> north = all.stream().filter(row -> "north".equals(row.get("site"))).findFirst()
                .orElseThrow();
        assertThat(((Number) north.get("unassigned")).intValue()).isPositive();
        as("leader.south").get("/site-summaries").then().statusCode(200)
                .body("site", equalTo(List.of("south")));
        as("reviewer.north").get("/site-summaries").then().statusCode(403);
    }

    @Test
    void theRegisterShowsWhoOwnedWhatAndEveryStepForAuditors() {
        Instant reviewed = Instant.parse("2021-03-15T10:00:00Z");
        List<String> ids = open("north", reviewed, "leader.north", "leader.south");
        as("leader.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", ids.get(0)).then().statusCode(200);

        as("auditor").get("/register?site=north&from=2021-03-15&to=2021-03-15").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.find { it.accountability.id == '" + ids.get(0) + "' }.history.action",
                        equalTo(List.of("OPENED", "ASSIGNED", "ACKNOWLEDGED")))
                .body("items.find { it.accountability.id == '" + ids.get(0) + "' }.accountability.whatWillChange",
                        equalTo("Weekly audit of reassessment dates"))
                .body("items.find { it.accountability.id == '" + ids.get(1) + "' }.history.action",
                        equalTo(List.of("OPENED", "OWNER_REFUSED")));
        as("auditor").get("/register?site=north&from=2021-03-16&to=2021-03-31").then().body("items", hasSize(0));
        as("leader.north").get("/register").then().statusCode(403);
    }

    @Test
    void monthlyIndicatorsPerSite() {
        Instant january = Instant.parse("2020-01-15T10:00:00Z");
        List<String> complete = open("north", january, "leader.north", "leader.north");
        open("north", january, "reviewer.north");

        TestClock.CLOCK.advance(Duration.ofDays(1));
        as("leader.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", complete.get(0)).then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofDays(2));
        as("leader.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", complete.get(1)).then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofDays(10));

        as("senior").get("/indicators?site=north&from=2020-01&to=2020-01").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].site", equalTo("north"))
                .body("[0].month", equalTo("2020-01"))
                .body("[0].reviewedIncidents", equalTo(2))
                .body("[0].incidentsWithAcknowledgedOwners", equalTo(1))
                .body("[0].acknowledgedShare", equalTo(0.5f))
                .body("[0].medianDaysToAcknowledge", equalTo(2.0f))
                .body("[0].overdue", equalTo(1));
        as("leader.south").get("/indicators?from=2020-01&to=2020-01").then().statusCode(200).body("", hasSize(0));
        as("senior").get("/indicators?from=2020-13").then().statusCode(422);
        as("senior").get("/indicators?from=jan").then().statusCode(400);
        as("senior").get("/indicators?from=2020-01&to=2019-12").then().statusCode(422);
        as("senior").get("/indicators?from=2020-01&to=2023-01").then().statusCode(422);
    }

    private static Map<String, List<String>> mine(String user) {
        Map<String, Object> body = as(user).get("/my-accountabilities?size=200").then().statusCode(200)
                .extract().path("");
        return Map.of("open", ids(body, "open"), "overdue", ids(body, "overdue"), "disputed", ids(body, "disputed"),
                "acknowledged", ids(body, "acknowledged"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> body, String list) {
        return ((List<Map<String, Object>>) ((Map<String, Object>) body.get(list)).get("items")).stream()
                .map(item -> (String) item.get("id")).toList();
    }
}
