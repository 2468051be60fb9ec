package io.closeloop.accountability;

import static io.closeloop.accountability.TestReviews.expectation;
import static io.closeloop.accountability.TestReviews.open;
import static io.closeloop.testing.ServiceUnderTest.as;
import static io.closeloop.testing.ServiceUnderTest.kafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.closeloop.accountability.escalation.EscalationRules;
import io.closeloop.accountability.escalation.Escalations;
import io.closeloop.chassis.escalation.EscalationLadder;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.AccountabilityEscalated;
import io.closeloop.local.LocalInfraTestResource;
import io.closeloop.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escalation driven by moving the clock and calling the step the scheduler calls. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "accountability_test"))
class EscalationTest {

    /** The default delay before the board hears of it. */
    private static final Duration BOARD_AFTER = Duration.ofDays(5);

    @Inject
    Escalations escalations;

    @Test
    void anUnansweredAccountabilityGoesToTheSeniorLeaderAtTheDueDateThenToTheBoardEachOnce() throws IOException {
        String id = open("north", "leader.north").get(0);
        Map<String, String> item = as("senior").get("/accountabilities/{id}", id).then().extract().path("");
        LocalDate dueOn = LocalDate.parse(item.get("dueOn"));
        assertThat(dueOn).isEqualTo(AccountabilityRules.addWorkingDays(TestClock.today(), 5));
        Instant overdue = EscalationLadder.overdueFrom(dueOn);

        TestClock.CLOCK.set(overdue.minusSeconds(1));
        escalations.escalateOverdue();
        as("senior").get("/accountabilities/{id}", id).then().body("escalation", equalTo("NONE"))
                .body("overdue", equalTo(false));

        TestClock.CLOCK.set(overdue);
        escalations.escalateOverdue();
        escalations.escalateOverdue();
        as("senior").get("/accountabilities/{id}", id).then().body("escalation", equalTo("SENIOR_LEADER"))
                .body("overdue", equalTo(true));
        assertThat(escalated(id)).containsExactly("SENIOR_LEADER: Not acknowledged by leader.north by " + dueOn);
        AccountabilityEscalated toSenior = published(item.get("incidentId"), "SENIOR_LEADER");
        assertThat(toSenior.accountabilityId().toString()).isEqualTo(id);
        assertThat(toSenior.owner()).isEqualTo("leader.north");
        assertThat(toSenior.dueOn()).isEqualTo(dueOn);
        assertThat(toSenior.escalatedAt()).isEqualTo(overdue);

        TestClock.CLOCK.set(overdue.plus(BOARD_AFTER).minusSeconds(1));
        escalations.escalateOverdue();
        assertThat(escalated(id)).hasSize(1);

        TestClock.CLOCK.set(overdue.plus(BOARD_AFTER));
        escalations.escalateOverdue();
        escalations.escalateOverdue();
        as("senior").get("/accountabilities/{id}", id).then().body("escalation", equalTo("BOARD"));
        assertThat(escalated(id)).containsExactly("SENIOR_LEADER: Not acknowledged by leader.north by " + dueOn,
                "BOARD: Not acknowledged by leader.north by " + dueOn);
        assertThat(published(item.get("incidentId"), "BOARD").escalatedAt()).isEqualTo(overdue.plus(BOARD_AFTER));

        // Late is still better than never: the owner can answer an escalated accountability.
        as("leader.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", id).then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofDays(30));
        escalations.escalateOverdue();
        assertThat(escalated(id)).hasSize(2);
    }

    @Test
    void aReassignmentStartsANewTermWithItsOwnDueDateAndEscalations() {
        String id = open("north", "leader.north").get(0);
        as("leader.north").contentType(ContentType.JSON).body(Map.of("reason", "Not my unit"))
                .post("/accountabilities/{id}/dispute", id).then().statusCode(200);
        LocalDate firstDue = LocalDate.parse(as("senior").get("/accountabilities/{id}", id).then()
                .extract().path("dueOn"));
        TestClock.CLOCK.set(EscalationLadder.overdueFrom(firstDue));
        escalations.escalateOverdue();
        assertThat(escalated(id)).containsExactly("SENIOR_LEADER: Disputed by leader.north and not resolved by "
                + firstDue + ": Not my unit");

        String secondDue = as("senior").contentType(ContentType.JSON).body(Map.of("owner", "senior"))
                .post("/accountabilities/{id}/assign", id).then().statusCode(200)
                .body("escalation", equalTo("NONE"))
                .body("overdue", equalTo(false))
                .extract().path("dueOn");
        assertThat(LocalDate.parse(secondDue)).isAfter(firstDue);
        TestClock.CLOCK.set(EscalationLadder.overdueFrom(LocalDate.parse(secondDue)));
        escalations.escalateOverdue();
        assertThat(escalated(id)).hasSize(2)
                .last().isEqualTo("SENIOR_LEADER: Not acknowledged by senior by " + secondDue);
    }

    @Test
    void anUnassignedAccountabilityEscalatesUnderItsNominatedOwner() throws IOException {
        String id = open("south", "leader.north").get(0);
        Map<String, String> item = as("senior").get("/accountabilities/{id}", id).then().extract().path("");
        TestClock.CLOCK.set(EscalationLadder.overdueFrom(LocalDate.parse(item.get("dueOn"))));
        escalations.escalateOverdue();
        AccountabilityEscalated event = published(item.get("incidentId"), "SENIOR_LEADER");
        assertThat(event.owner()).isEqualTo("leader.north");
        assertThat(event.reason()).endsWith("leader.north does not cover site south");
    }

    private static List<String> escalated(String id) {
        List<Map<String, String>> history = as("auditor").get("/accountabilities/{id}/history", id).then()
                .statusCode(200).extract().path("");
        return history.stream().filter(e -> "ESCALATED".equals(e.get("action"))).map(e -> e.get("detail")).toList();
    }

    private static AccountabilityEscalated published(String incidentId, String level) throws IOException {
        var record = TopicReader.await(kafka(), Topics.ACCOUNTABILITY_ESCALATED, Duration.ofSeconds(30),
                r -> incidentId.equals(r.key()) && level.equals(read(r.value()).level()));
        return read(record.value());
    }

    private static AccountabilityEscalated read(byte[] value) {
        try {
            return EventJson.read(EventJson.tree(value), AccountabilityEscalated.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
