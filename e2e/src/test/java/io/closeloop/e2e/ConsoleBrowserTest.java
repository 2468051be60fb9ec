package io.closeloop.e2e;

import static io.closeloop.e2e.Steps.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.testing.SiteFeed;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The console in a real headless Chromium: each demo user signs in through Keycloak's login page and does their part
 * of one incident, from the structured review to the closure sign-off. Only the weeks of pack results that need the
 * clock to move go over REST.
 */
class ConsoleBrowserTest {

    private static Platform platform;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.get();
        browser = new Browser(platform.console());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void eachRoleDoesItsPartOfAnIncidentFromTheReviewFormToClosureSignOff() {
        String reference = "N-UI-" + UUID.randomUUID().toString().substring(0, 8);
        try (SiteFeed site = new SiteFeed(platform.kafka())) {
            site.report(new IncidentReported("north", reference, 1L, Instant.now().minusSeconds(7200),
                    Instant.now().minusSeconds(3600), IncidentCategory.FALLS, HarmLevel.MODERATE, "Ward 3",
                    "Resident found on the floor beside the bed at 06:10.", "Checked for injury; GP informed.",
                    List.of("P-7c1d2e")));
        }
        String incidentId = Steps.eventually(() -> as(platform, "reviewer.north", "incident-service")
                .get("/incidents?site=north&size=200").then().statusCode(200)
                .extract().<String>path("items.find { it.siteReference == '" + reference + "' }.id"));

        // Stage 1, reviewer: the review is due on their work list; an incomplete submission is refused beside the
        // fields, then the complete form picks the failed control from the register and its owner.
        browser.signIn("reviewer.north");
        assertThat(browser.text()).contains("Reviews due", reference);
        browser.screenshot("01-reviewer-my-work");
        browser.click(By.cssSelector("a[aria-label='Review " + reference + "']"));
        browser.type("summary", "Night supervision did not check falls risk reassessments.");
        browser.click(By.id("submit-review"));
        assertThat(browser.find(By.id("q-monitoring-responsibility-refusal")).getText()).contains("unanswered");
        assertThat(browser.text()).contains("Not accepted");
        browser.screenshot("02-review-form-refusals");
        browser.type("timeline-text", "Found at 06:10; checked at 06:15; GP informed at 07:00");
        browser.find(By.cssSelector("input[name=factor][value=TASK]")).click();
        browser.type("q-timeline", "Found at 06:10; the reassessment was last done three weeks before");
        browser.type("q-controls-that-should-have-detected", "The weekly falls risk reassessment check");
        browser.type("q-monitoring-responsibility", "The unit leader, through the supervision list");
        browser.type("q-escalation-thresholds", "Misses escalate after 7 days; none was escalated");
        browser.choose("cf0-control", "CTRL-FALLS-01");
        browser.choose("cf0-mode", "MISSED_SUPERVISION");
        browser.type("cf0-evidence", "Reassessment three weeks overdue; not on the supervision list");
        browser.choose("cf0-owner", "leader.north");
        browser.screenshot("03-review-form-complete");
        browser.click(By.id("submit-review"));
        assertThat(browser.text()).contains("Review submitted for approval");

        // The senior leader approves the review from the incident's page.
        browser.signIn("senior");
        assertThat(browser.text()).contains("Reviews to approve", reference);
        browser.open("/incidents/" + incidentId);
        browser.click(By.id("approve-review"));
        assertThat(browser.text()).contains("Review approved");
        stageIs(incidentId, "ACCOUNTABILITY");

        // Stage 2, the named owner acknowledges from their work list.
        browser.signIn("leader.north");
        String accountabilityId = Steps.eventually(() -> as(platform, "leader.north", "accountability-service")
                .get("/accountabilities?mine=true&incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"));
        browser.open("/work");
        browser.screenshot("04-leader-my-work");
        // This incident's row: earlier tests leave leader.north other open accountabilities on the same control.
        browser.click(By.cssSelector("a[href='/accountabilities/" + accountabilityId + "']"));
        browser.type("whatWillChange", "Reassessment due dates join the weekly supervision check");
        browser.type("indicator", "Falls reassessments on time");
        browser.type("target", ">= 95%");
        browser.setValue("byWhen", LocalDate.now().plusWeeks(6).toString());
        browser.click(By.id("acknowledge"));
        assertThat(browser.find(By.id("status")).getText()).isEqualTo("Acknowledged");
        stageIs(incidentId, "ACTION");

        // Stage 3, the owner adds a system-level action and submits; the senior leader approves.
        String planId = Steps.eventually(() -> as(platform, "leader.north", "action-service")
                .get("/plans?incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"));
        browser.open("/plans/" + planId);
        browser.choose("kind", "CHANGE_CONTROL");
        browser.choose("actionType", "CHECKLIST_OR_COGNITIVE_AID");
        browser.type("description", "Supervision sample raised from 5 to 10 records; overdue reassessments escalate");
        browser.type("baseline", "0.72");
        browser.setValue("dueOn", LocalDate.now().plusWeeks(26).toString());
        browser.click(By.id("add-action"));
        browser.click(By.id("submit-plan"));
        assertThat(browser.find(By.id("plan-status")).getText()).isEqualTo("Submitted");
        browser.signIn("senior");
        browser.open("/plans/" + planId);
        browser.screenshot("05-plan-approval");
        browser.click(By.id("approve-plan"));
        assertThat(browser.find(By.id("plan-status")).getText()).isEqualTo("Approved");

        // The owner records this week's result in the pack; three more weeks go over REST as the clock moves.
        browser.signIn("leader.north");
        String actionId = as(platform, "leader.north", "action-service").get("/plans/{id}", planId).then()
                .extract().path("actions[0].id");
        browser.type("value-" + actionId, "0.91");
        browser.type("exceptions-" + actionId, "Room 12 reassessment a day late");
        browser.click(By.cssSelector("#item-" + actionId + " button[type=submit]"));
        assertThat(browser.find(By.id("item-" + actionId)).getText()).contains("Done · 0.91");
        browser.screenshot("06-leader-control-pack");
        for (int week = 2; week <= 4; week++) {
            Steps.advanceClock(platform, "action-service", Duration.ofDays(7));
            as(platform, "leader.north", "action-service").contentType(ContentType.JSON)
                    .body(Map.of("actionId", actionId, "done", true, "value", 0.96))
                    .post("/packs/current/results").then().statusCode(201);
        }
        stageIs(incidentId, "VERIFICATION");

        // Stage 4, the verifier plans a re-sample and records every case's result.
        String verificationId = Steps.eventually(() -> as(platform, "verifier", "verification-service")
                .get("/verifications?incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"));
        browser.signIn("verifier");
        assertThat(browser.text()).contains("Checks to run");
        browser.open("/verifications/" + verificationId);
        browser.choose("method", "RESAMPLE");
        browser.type("criterion", "Reassessment done by its due date");
        browser.type("passThreshold", "0.8");
        browser.type("sampleSize", "20");
        browser.setValue("periodStart", LocalDate.now().minusWeeks(4).toString());
        browser.setValue("periodEnd", LocalDate.now().toString());
        browser.click(By.id("plan-check-button"));
        browser.type("results-" + firstCheck(verificationId), IntStream.rangeClosed(1, 20)
                .mapToObj(i -> "case-" + i + ", pass, reassessed on time").collect(Collectors.joining("\n")));
        browser.click(By.id("record-results-0"));
        assertThat(browser.text()).contains("20 of 20 recorded", "Passed", "Every control has a passed check");
        browser.screenshot("07-verification-passed");

        // The senior leader signs off the closure; the incident closes and its closure report opens.
        browser.signIn("senior");
        browser.open("/verifications/" + verificationId);
        browser.type("decision-text", "20 of 20 re-sampled cases on time; lower bound above 0.80");
        browser.click(By.id("sign-off"));
        assertThat(browser.find(By.id("verification-status")).getText()).isEqualTo("Closed");
        stageIs(incidentId, "CLOSED");
        browser.open("/incidents/" + incidentId);
        assertThat(browser.find(By.id("stage")).getText()).isEqualTo("Closed");
        assertThat(browser.text()).contains("Structured review", "Leadership accountability",
                "Corrective actions and weekly evidence", "Verification and sign-off", "leader.north",
                "Reassessment due dates join the weekly supervision check", "Timeline across the four stages");
        browser.screenshot("08-incident-timeline");
        browser.click(By.id("closure-report"));
        assertThat(browser.text()).contains(reference, "Closure signed off");

        // The board sees the figures and the printable pack; the auditor reads everything and changes nothing.
        browser.open("/board");
        assertThat(browser.text()).contains("Repeat-incident rate", "Days from report to verified closure",
                "Closures with verified improvement", "Challenged closures",
                "Control failures with an acknowledged owner", "Weak-only plans", "Overdue items by leader and site");
        browser.screenshot("09-board-assurance");
        browser.click(By.id("board-pack"));
        assertThat(browser.text()).contains("Board assurance pack", "Print or save as PDF");
        browser.screenshot("10-board-pack");
        browser.signIn("auditor");
        assertThat(browser.text()).contains("read-only", "Closure sign-offs");
        browser.open("/verifications/" + verificationId);
        assertThat(browser.text()).doesNotContain("Sign off closure", "Plan a check");
        browser.open("/incidents?stage=CLOSED");
        assertThat(browser.text()).contains(reference);
        browser.screenshot("11-incidents-list");
        browser.viewport(820, 1180);
        browser.open("/incidents/" + incidentId);
        browser.screenshot("12-incident-on-a-tablet");
        browser.viewport(1366, 900);
    }

    @Test
    void aLeaderCannotOpenTheBoardAndASiteReporterHasNoReviewForm() {
        browser.signIn("leader.south");
        browser.open("/board");
        assertThat(browser.text()).contains("Cannot show this page");
        browser.signIn("reporter.north");
        browser.open("/incidents");
        assertThat(browser.text()).contains("incidents");
        assertThat(browser.text()).doesNotContain("Board assurance");
    }

    private static String firstCheck(String verificationId) {
        return as(platform, "verifier", "verification-service").get("/verifications/{id}", verificationId).then()
                .statusCode(200).extract().path("checks[0].id");
    }

    private static void stageIs(String incidentId, String stage) {
        Steps.eventuallyResponse(() -> as(platform, "auditor", "incident-service").get("/incidents/{id}", incidentId)
                .then().statusCode(200).body("stage", equalTo(stage)));
    }
}
