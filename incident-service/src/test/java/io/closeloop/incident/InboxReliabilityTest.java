package io.closeloop.incident;

import static io.closeloop.testing.ServiceUnderTest.kafka;
import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.chassis.inbox.DeadLetter;
import io.closeloop.chassis.inbox.Inbox;
import io.closeloop.chassis.inbox.RejectedEvent;
import io.closeloop.chassis.outbox.OutboxRecord;
import io.closeloop.contracts.CloudEvents;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.local.LocalInfraTestResource;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The chassis inbox on the real database: a poison record is retried a bounded number of times and then dead-lettered
 * with its reason, once; an outage is waited out however long it lasts, and the record is applied, not skipped.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "incident_test"))
class InboxReliabilityTest {

    @Inject
    Inbox inbox;

    @Inject
    EntityManager entityManager;

    @Test
    void aRecordThatKeepsFailingIsDeadLetteredAfterTheConfiguredAttemptsAndOnlyOnce() {
        ConsumerRecord<String, byte[]> record = record(UUID.randomUUID().toString());
        AtomicInteger attempts = new AtomicInteger();

        inbox.<IncidentReported>consume("poison-probe", record, EventType.INCIDENT_REPORTED, event -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("a bug that this record sets off every time");
        });

        assertThat(attempts).hasValue(3);
        List<DeadLetter> letters = deadLetters("poison-probe", record);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.reasonCode).isEqualTo("processing-failed");
            assertThat(letter.reason).isEqualTo("processing failed after 3 attempts: "
                    + "IllegalStateException: a bug that this record sets off every time");
            assertThat(letter.payload).isEqualTo(record.value());
        });
        assertThat(outcome("poison-probe", eventId(record))).contains("DEAD_LETTERED");

        // Redelivered after a crash before the offset was committed: neither handled again nor dead-lettered twice.
        inbox.<IncidentReported>consume("poison-probe", record, EventType.INCIDENT_REPORTED, event -> {
            attempts.incrementAndGet();
        });
        assertThat(attempts).hasValue(3);
        assertThat(deadLetters("poison-probe", record)).hasSize(1);

        var copy = TopicReader.await(kafka(), Topics.deadLetterOf(record.topic()), Duration.ofSeconds(30),
                r -> eventId(record).equals(TopicReader.header(r, CloudEvents.HEADER_ID)));
        assertThat(TopicReader.header(copy, CloudEvents.HEADER_DLQ_REASON)).startsWith("processing failed after 3");
        assertThat(TopicReader.header(copy, CloudEvents.HEADER_DLQ_CONSUMER)).isEqualTo("poison-probe");
        assertThat(copy.value()).isEqualTo(record.value());
    }

    @Test
    void anOutageIsWaitedOutBeyondTheAttemptLimitAndTheRecordIsAppliedNotSkipped() {
        ConsumerRecord<String, byte[]> record = record(UUID.randomUUID().toString());
        AtomicInteger attempts = new AtomicInteger();

        inbox.<IncidentReported>consume("outage-probe", record, EventType.INCIDENT_REPORTED, event -> {
            if (attempts.incrementAndGet() <= 5) {
                throw new IllegalStateException("Unable to acquire JDBC Connection",
                        new SQLTransientConnectionException("Connection refused"));
            }
        });

        assertThat(attempts).hasValue(6);
        assertThat(outcome("outage-probe", eventId(record))).contains("APPLIED");
        assertThat(deadLetters("outage-probe", record)).isEmpty();
    }

    @Test
    void aRuleRefusalIsDeadLetteredAtOnceWithoutRetrying() {
        ConsumerRecord<String, byte[]> record = record(UUID.randomUUID().toString());
        AtomicInteger attempts = new AtomicInteger();

        inbox.<IncidentReported>consume("refusal-probe", record, EventType.INCIDENT_REPORTED, event -> {
            attempts.incrementAndGet();
            throw new RejectedEvent("unknown-site", "unknown site nowhere");
        });

        assertThat(attempts).hasValue(1);
        assertThat(deadLetters("refusal-probe", record)).singleElement()
                .satisfies(letter -> assertThat(letter.reason).isEqualTo("unknown site nowhere"));
        assertThat(outcome("refusal-probe", eventId(record))).contains("REJECTED");
    }

    private static ConsumerRecord<String, byte[]> record(String id) {
        IncidentReported report = new IncidentReported("north", "N-" + id, 1L, Instant.now().minusSeconds(60),
                Instant.now(), IncidentCategory.FALLS, HarmLevel.LOW, null, "Probe for the inbox", null, List.of());
        RecordHeaders headers = new RecordHeaders();
        SiteFeed.headers(id, "north", report.key())
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        byte[] value = EventJson.write(report);
        return new ConsumerRecord<>(Topics.reportedBy("north"), 0, 1_000_000L + Math.abs(id.hashCode() % 1000),
                System.currentTimeMillis(), TimestampType.CREATE_TIME, -1, value.length, report.key(), value, headers,
                Optional.empty());
    }

    private static String eventId(ConsumerRecord<String, byte[]> record) {
        return TopicReader.header(record, CloudEvents.HEADER_ID);
    }

    private static List<DeadLetter> deadLetters(String consumer, ConsumerRecord<String, byte[]> record) {
        return QuarkusTransaction.requiringNew().call(() -> DeadLetter.<DeadLetter>list(
                "consumer = ?1 and eventId = ?2", consumer, eventId(record)));
    }

    private Optional<String> outcome(String consumer, String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select outcome from inbox where consumer = :consumer and event_id = :id", String.class)
                .setParameter("consumer", consumer).setParameter("id", eventId)
                .getResultStream().findFirst().map(String.class::cast));
    }

    /** Every dead letter also leaves an outbox row for {@code <topic>.dlq}, written in the same transaction. */
    @Test
    void everyDeadLetterHasItsOutboxRow() {
        ConsumerRecord<String, byte[]> record = record(UUID.randomUUID().toString());
        inbox.<IncidentReported>consume("outbox-probe", record, EventType.INCIDENT_REPORTED, event -> {
            throw new IllegalArgumentException("always");
        });
        long rows = QuarkusTransaction.requiringNew().call(() -> OutboxRecord.count(
                "topic = ?1 and headers like ?2", Topics.deadLetterOf(record.topic()),
                "%\"" + CloudEvents.HEADER_DLQ_CONSUMER + "\":\"outbox-probe\"%"));
        assertThat(rows).isEqualTo(1);
    }
}
