package io.closeloop.accountability;

import static io.closeloop.accountability.TestReviews.expectation;
import static io.closeloop.accountability.TestReviews.open;
import static io.closeloop.testing.ServiceUnderTest.as;
import static io.closeloop.testing.ServiceUnderTest.kafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.AccountabilityAssigned;
import io.closeloop.local.LocalInfraTestResource;
import io.closeloop.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Owners checked in Keycloak, senior leaders assigning the unassigned and settling disputes, and the history. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "accountability_test"))
class OwnershipTest {

    @Test
    void anOwnerWithoutTheLeaderRoleLeavesItUnassignedUntilASeniorLeaderAssignsOne() {
        String id = open("north", "reviewer.north").get(0);
        as("senior").get("/accountabilities/{id}", id).then().statusCode(200)
                .body("status", equalTo("UNASSIGNED"))
                .body("owner", nullValue())
                .body("nominatedOwner", equalTo("reviewer.north"))
                .body("ownerProblem", equalTo("reviewer.north holds neither leader nor senior-leader"));
        List<String> unassigned = as("senior").get("/accountabilities?status=UNASSIGNED&size=200").then()
                .statusCode(200).extract().path("items.id");
        assertThat(unassigned).contains(id);
        as("reviewer.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", id).then().statusCode(403);

        as("leader.north").contentType(ContentType.JSON).body(Map.of("owner", "leader.north"))
                .post("/accountabilities/{id}/assign", id).then().statusCode(403);
        as("senior").contentType(ContentType.JSON).body(Map.of("owner", "leader.south"))
                .post("/accountabilities/{id}/assign", id).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("owner"))
                .body("detail", equalTo("leader.south does not cover site north"));
        as("senior").contentType(ContentType.JSON).body(Map.of("owner", "nobody.at.all"))
                .post("/accountabilities/{id}/assign", id).then().statusCode(422)
                .body("detail", equalTo("nobody.at.all is not a known user"));
        as("senior").contentType(ContentType.JSON).body(Map.of("owner", "leader.north", "note", "Owns night shifts"))
                .post("/accountabilities/{id}/assign", id).then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("owner", equalTo("leader.north"))
                .body("ownerId", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"))
                .body("ownerProblem", nullValue());
        as("senior").contentType(ContentType.JSON).body(Map.of("owner", "senior"))
                .post("/accountabilities/{id}/assign", id).then().statusCode(409);

        as("leader.north").get("/accountabilities/{id}/history", id).then().statusCode(200)
                .body("action", equalTo(List.of("OPENED", "OWNER_REFUSED", "ASSIGNED")))
                .body("actor", equalTo(List.of("senior", "system", "senior")))
                .body("[2].owner", equalTo("leader.north"))
                .body("[2].detail", equalTo("Owns night shifts"));
    }

    @Test
    void anOwnerFromAnotherSiteLeavesItUnassigned() {
        List<String> ids = open("north", "leader.south", "leader.north");
        as("senior").get("/accountabilities/{id}", ids.get(0)).then()
                .body("status", equalTo("UNASSIGNED"))
                .body("ownerProblem", equalTo("leader.south does not cover site north"));
        as("senior").get("/accountabilities/{id}", ids.get(1)).then().body("status", equalTo("OPEN"));
        // leader.south cannot even see a north accountability, let alone answer for it.
        as("leader.south").get("/accountabilities/{id}", ids.get(0)).then().statusCode(404);
    }

    @Test
    void aDisputedAccountabilityIsReassignedAndCompletionNamesTheNewOwner() throws Exception {
        List<String> ids = open("north", "leader.north", "leader.north");
        String disputed = ids.get(0);
        as("leader.north").contentType(ContentType.JSON).body(Map.of("reason", ""))
                .post("/accountabilities/{id}/dispute", disputed).then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as("senior").contentType(ContentType.JSON).body(Map.of("reason", "Not mine"))
                .post("/accountabilities/{id}/dispute", disputed).then().statusCode(422);
        as("leader.north").contentType(ContentType.JSON)
                .body(Map.of("reason", "Night supervision reports to the deputy manager, not to me"))
                .post("/accountabilities/{id}/dispute", disputed).then().statusCode(200)
                .body("status", equalTo("DISPUTED"))
                .body("disputeReason", equalTo("Night supervision reports to the deputy manager, not to me"));
        as("leader.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", disputed).then().statusCode(409);
        as("leader.north").contentType(ContentType.JSON).body(Map.of("reason", "Again"))
                .post("/accountabilities/{id}/dispute", disputed).then().statusCode(409);
        as("leader.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", ids.get(1)).then().statusCode(200);

        as("senior").contentType(ContentType.JSON).body(Map.of("owner", "senior", "note", "I hold night supervision"))
                .post("/accountabilities/{id}/assign", disputed).then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("owner", equalTo("senior"))
                .body("nominatedOwner", equalTo("leader.north"))
                .body("disputeReason", nullValue());
        as("senior").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", disputed).then().statusCode(200);

        String incidentId = as("senior").get("/accountabilities/{id}", disputed).then().extract().path("incidentId");
        var published = TopicReader.await(kafka(), Topics.ACCOUNTABILITY_ASSIGNED, Duration.ofSeconds(30),
                r -> incidentId.equals(r.key()));
        AccountabilityAssigned assigned = EventJson.read(EventJson.tree(published.value()),
                AccountabilityAssigned.class);
        assertThat(assigned.commitments()).extracting(AccountabilityAssigned.Commitment::owner)
                .containsExactlyInAnyOrder("senior", "leader.north");

        as("auditor").get("/accountabilities/{id}/history", disputed).then().statusCode(200)
                .body("action", equalTo(List.of("OPENED", "ASSIGNED", "DISPUTED", "REASSIGNED", "ACKNOWLEDGED")))
                .body("actor", equalTo(List.of("senior", "senior", "leader.north", "senior", "senior")))
                .body("[2].detail", equalTo("Night supervision reports to the deputy manager, not to me"))
                .body("[3].owner", equalTo("senior"))
                .body("[3].detail", equalTo("Dispute by leader.north (Night supervision reports to the deputy "
                        + "manager, not to me) answered: I hold night supervision"));
    }

    @Test
    void aSeniorLeaderConfirmsTheDisputingOwnerWhoThenAnswers() {
        String id = open("north", "leader.north").get(0);
        as("senior").contentType(ContentType.JSON).body(Map.of("note", "Stays with you"))
                .post("/accountabilities/{id}/confirm", id).then().statusCode(409);
        as("leader.north").contentType(ContentType.JSON).body(Map.of("reason", "Belongs to the day team"))
                .post("/accountabilities/{id}/dispute", id).then().statusCode(200);
        as("senior").contentType(ContentType.JSON).body(Map.of("note", ""))
                .post("/accountabilities/{id}/confirm", id).then().statusCode(400);
        as("senior").contentType(ContentType.JSON).body(Map.of("note", "The failure was on a night shift"))
                .post("/accountabilities/{id}/confirm", id).then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("owner", equalTo("leader.north"));
        as("leader.north").contentType(ContentType.JSON).body(expectation())
                .post("/accountabilities/{id}/acknowledge", id).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        as("senior").get("/accountabilities/{id}/history", id).then()
                .body("action", equalTo(List.of("OPENED", "ASSIGNED", "DISPUTED", "CONFIRMED", "ACKNOWLEDGED")));
    }

    @Test
    void theDisputingOwnerCannotSettleTheirOwnDispute() {
        String id = open("south", "senior").get(0);
        as("senior").contentType(ContentType.JSON).body(Map.of("reason", "Should be the south leader"))
                .post("/accountabilities/{id}/dispute", id).then().statusCode(200);
        as("senior").contentType(ContentType.JSON).body(Map.of("note", "Fine, mine"))
                .post("/accountabilities/{id}/confirm", id).then().statusCode(422);
        as("senior").contentType(ContentType.JSON).body(Map.of("owner", "leader.south"))
                .post("/accountabilities/{id}/assign", id).then().statusCode(422);
    }
}
