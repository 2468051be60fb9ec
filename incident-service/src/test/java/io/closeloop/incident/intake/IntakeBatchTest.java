package io.closeloop.incident.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.chassis.inbox.BatchInbox;
import io.closeloop.chassis.inbox.DeadLetter;
import io.closeloop.chassis.outbox.OutboxRecord;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.incident.recurrence.Recurrence;
import io.closeloop.incident.stage.IncidentHistory;
import io.closeloop.local.LocalInfraTestResource;
import io.closeloop.testing.SiteFeed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The intake's batch path (one transaction per poll) keeps the inbox's guarantees: an event id is applied once even
 * twice in one batch, a bad record is dead-lettered while the rest of its batch is stored, a poison record does not
 * stall the batch, and repeats link as they do one by one. Batches are handed to the inbox directly, so what shares a
 * batch does not depend on how the broker happens to split a poll.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "incident_test"))
class IntakeBatchTest {

    private static final String TOPIC = Topics.reportedBy("north");
    private static final AtomicLong OFFSETS = new AtomicLong(1_000_000);

    @Inject
    BatchInbox inbox;

    @Inject
    IncidentIntake intake;

    @Inject
    Recurrence recurrence;

    @Test
    void anEventTwiceInOneBatchOrRedeliveredIsAppliedOnce() {
        String reference = "N-" + UUID.randomUUID();
        var first = record(UUID.randomUUID().toString(), report(reference, 1, IncidentCategory.OTHER, minutesAgo(30)));
        var again = copy(first);
        var other = record(UUID.randomUUID().toString(),
                report("N-" + UUID.randomUUID(), 1, IncidentCategory.OTHER, minutesAgo(20)));

        consume(List.of(first, again, other));
        consume(List.of(copy(first), copy(other)));

        UUID id = Incident.idOf("north", reference);
        assertThat(inTransaction(() -> Incident.<Incident>findById(id))).isNotNull();
        assertThat(inTransaction(() -> IncidentHistory.of(id)).stream().map(line -> line.what)
                .filter(what -> what.startsWith("Reported")).toList()).hasSize(1);
        assertThat(inboxRows(first)).isEqualTo(1);
        assertThat(inTransaction(() -> Incident.<Incident>findById(
                Incident.idOf("north", EventJson.read(EventJson.tree(other.value()), IncidentReported.class)
                        .siteReference())))).isNotNull();
    }

    @Test
    void badRecordsAreDeadLetteredAndTheRestOfTheirBatchIsStored() {
        String before = "N-" + UUID.randomUUID();
        String after = "N-" + UUID.randomUUID();
        String malformedId = UUID.randomUUID().toString();
        var malformed = new ConsumerRecord<String, byte[]>(TOPIC, 0, OFFSETS.incrementAndGet(), "north/broken",
                "{\"site\":\"north\",".getBytes(StandardCharsets.UTF_8));
        SiteFeed.headers(malformedId, "north", "north/broken").forEach((name, value) ->
                malformed.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        String futureId = UUID.randomUUID().toString();
        var future = record(futureId, report("N-" + UUID.randomUUID(), 1, IncidentCategory.OTHER,
                Instant.now().plus(2, ChronoUnit.DAYS)));

        consume(List.of(record(UUID.randomUUID().toString(), report(before, 1, IncidentCategory.OTHER, minutesAgo(9))),
                malformed, future,
                record(UUID.randomUUID().toString(), report(after, 1, IncidentCategory.OTHER, minutesAgo(8)))));

        assertThat(inTransaction(() -> Incident.<Incident>findById(Incident.idOf("north", before)))).isNotNull();
        assertThat(inTransaction(() -> Incident.<Incident>findById(Incident.idOf("north", after)))).isNotNull();
        assertThat(deadLetterCode(malformedId)).isEqualTo("malformed-json");
        assertThat(deadLetterCode(futureId)).isEqualTo("occurred-in-future");
    }

    @Test
    void aStoredVersionSentAgainWithOtherContentIsDeadLetteredAndTheRestOfItsBatchIsStored() {
        String reference = "N-" + UUID.randomUUID();
        Instant occurredAt = minutesAgo(12);
        consume(List.of(record(UUID.randomUUID().toString(), report(reference, 1, IncidentCategory.OTHER, occurredAt))));
        String conflictingId = UUID.randomUUID().toString();
        IncidentReported changed = new IncidentReported("north", reference, 1L, occurredAt, occurredAt.plusSeconds(30),
                IncidentCategory.OTHER, HarmLevel.LOW, "Ward 3", "Batch intake test, rewritten", null, List.of());
        String neighbour = "N-" + UUID.randomUUID();

        consume(List.of(record(conflictingId, changed),
                record(UUID.randomUUID().toString(), report(neighbour, 1, IncidentCategory.OTHER, minutesAgo(11)))));

        assertThat(deadLetterCode(conflictingId)).isEqualTo("conflicting-duplicate");
        assertThat(inTransaction(() -> Incident.<Incident>findById(Incident.idOf("north", neighbour)))).isNotNull();
        assertThat(inTransaction(() -> Incident.<Incident>findById(Incident.idOf("north", reference)).version))
                .isEqualTo(1L);
    }

    @Test
    void aPoisonRecordIsDeadLetteredWithoutStallingItsBatch() {
        String poison = "N-" + UUID.randomUUID();
        String healthy = "N-" + UUID.randomUUID();
        String poisonId = UUID.randomUUID().toString();
        List<ConsumerRecord<String, byte[]>> batch = List.of(
                record(poisonId, report(poison, 1, IncidentCategory.OTHER, minutesAgo(7))),
                record(UUID.randomUUID().toString(), report(healthy, 1, IncidentCategory.OTHER, minutesAgo(6))));

        inbox.<IncidentReported>consume("intake", batch, EventType.INCIDENT_REPORTED, events -> {
            if (events.stream().anyMatch(e -> e.data().siteReference().equals(poison))) {
                throw new IllegalStateException("a fault in this record's handling");
            }
            intake.receiveAll(events);
        });

        assertThat(inTransaction(() -> Incident.<Incident>findById(Incident.idOf("north", healthy)))).isNotNull();
        assertThat(inTransaction(() -> Incident.<Incident>findById(Incident.idOf("north", poison)))).isNull();
        assertThat(deadLetterCode(poisonId)).isEqualTo("processing-failed");
    }

    @Test
    void repeatsInABatchLinkAsTheyWouldOneByOne() {
        // A category no other test uses at this site and time, so the chain is this test's alone.
        IncidentCategory category = IncidentCategory.INFORMATION_GOVERNANCE;
        Instant base = Instant.now().minus(3000, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String stored = "N-" + UUID.randomUUID();
        consume(List.of(record(UUID.randomUUID().toString(), report(stored, 1, category, base))));
        List<String> references = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String reference = "N-" + UUID.randomUUID();
            references.add(reference);
            batch.add(record(UUID.randomUUID().toString(), report(reference, 1, category, base.plusSeconds(60L * i))));
        }
        // Another category between them must not join the chain.
        batch.add(1, record(UUID.randomUUID().toString(),
                report("N-" + UUID.randomUUID(), 1, IncidentCategory.VIOLENCE_AGGRESSION, base.plusSeconds(90))));

        consume(batch);

        assertThat(earlierOf(references.get(0))).containsExactly(Incident.idOf("north", stored));
        assertThat(earlierOf(references.get(1))).containsExactly(Incident.idOf("north", references.get(0)));
        assertThat(earlierOf(references.get(2))).containsExactly(Incident.idOf("north", references.get(1)));
        assertThat(inTransaction(() -> Incident.<Incident>findById(Incident.idOf("north", references.get(2))).isRepeat))
                .isTrue();
        assertThat(inTransaction(() -> IncidentHistory.of(Incident.idOf("north", references.get(2)))).stream()
                .map(line -> line.what).toList())
                .containsExactly(
                        "Reported by site north as " + references.get(2) + "; CONCISE review due "
                                + inTransaction(() -> Incident.<Incident>findById(
                                        Incident.idOf("north", references.get(2))).reviewDueOn),
                        "Repeats incident north/" + references.get(1) + " (same category at the same site)");
    }

    @Test
    void aBatchStoresEveryFieldAsOneByOneDoes() {
        Instant occurred = minutesAgo(40).truncatedTo(ChronoUnit.MILLIS);
        IncidentReported alone = new IncidentReported("north", "N-" + UUID.randomUUID(), 2L, occurred,
                occurred.plusSeconds(45), IncidentCategory.MEDICATION, HarmLevel.MODERATE, "Ward 5",
                "Field by field", "Dose withheld", List.of("p-17", "p-23"));
        IncidentReported batched = new IncidentReported("north", "N-" + UUID.randomUUID(), 2L, occurred,
                occurred.plusSeconds(45), IncidentCategory.MEDICATION, HarmLevel.MODERATE, "Ward 5",
                "Field by field", "Dose withheld", List.of("p-17", "p-23"));
        QuarkusTransaction.requiringNew().run(() -> intake.receive(alone, TOPIC, "site:north"));

        consume(List.of(record(UUID.randomUUID().toString(), batched)));

        Incident one = inTransaction(() -> Incident.<Incident>findById(Incident.idOf("north", alone.siteReference())));
        Incident many = inTransaction(() -> Incident.<Incident>findById(
                Incident.idOf("north", batched.siteReference())));
        assertThat(many).usingRecursiveComparison()
                .ignoringFields("id", "siteReference", "receivedAt", "updatedAt", "isRepeat")
                .isEqualTo(one);
        assertThat(many.peopleAffectedList()).containsExactly("p-17", "p-23");
        assertThat(many.receivedAt).isEqualTo(many.updatedAt);
    }

    @Test
    void aRepeatInABatchChallengesAVerifiedClosure() {
        IncidentCategory category = IncidentCategory.INFECTION;
        Instant base = Instant.now().minus(2000, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String closed = "N-" + UUID.randomUUID();
        consume(List.of(record(UUID.randomUUID().toString(), report(closed, 1, category, base))));
        UUID closedId = Incident.idOf("north", closed);
        QuarkusTransaction.requiringNew().run(() -> Incident.update("verifiedClosedAt = ?1 where id = ?2",
                base.plus(10, ChronoUnit.DAYS), closedId));
        String repeat = "N-" + UUID.randomUUID();

        consume(List.of(record(UUID.randomUUID().toString(), report(repeat, 1, category, base.plus(30, ChronoUnit.DAYS)))));

        assertThat(earlierOf(repeat)).containsExactly(closedId);
        assertThat(inTransaction(() -> IncidentHistory.of(closedId)).stream().map(line -> line.what).toList())
                .contains("Closure challenged by repeat incident north/" + repeat);
        assertThat(inTransaction(() -> OutboxRecord.count("topic = ?1 and key = ?2", Topics.CLOSURE_CHALLENGED,
                closedId.toString()))).isEqualTo(1);
    }

    private void consume(List<ConsumerRecord<String, byte[]>> batch) {
        inbox.<IncidentReported>consume("intake", batch, EventType.INCIDENT_REPORTED, intake::receiveAll);
    }

    private List<UUID> earlierOf(String reference) {
        return inTransaction(() -> recurrence.linksOf(Incident.idOf("north", reference)).stream()
                .map(Recurrence.Link::earlierIncidentId).toList());
    }

    private static long inboxRows(ConsumerRecord<String, byte[]> record) {
        String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
        return inTransaction(() -> ((Number) Incident.getEntityManager()
                .createNativeQuery("select count(*) from inbox where consumer = 'intake' and event_id = :id")
                .setParameter("id", id).getSingleResult()).longValue());
    }

    private static String deadLetterCode(String eventId) {
        return inTransaction(() -> DeadLetter.<DeadLetter>find("eventId", eventId).singleResult().reasonCode);
    }

    private static <T> T inTransaction(java.util.concurrent.Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }

    private static Instant minutesAgo(int minutes) {
        return Instant.now().minus(minutes, ChronoUnit.MINUTES);
    }

    private static IncidentReported report(String reference, long version, IncidentCategory category,
            Instant occurredAt) {
        return new IncidentReported("north", reference, version, occurredAt, occurredAt.plusSeconds(30), category,
                HarmLevel.LOW, "Ward 3", "Batch intake test", null, List.of());
    }

    private static ConsumerRecord<String, byte[]> record(String eventId, IncidentReported report) {
        var record = new ConsumerRecord<String, byte[]>(TOPIC, 0, OFFSETS.incrementAndGet(), report.key(),
                EventJson.write(report));
        SiteFeed.headers(eventId, "north", report.key()).forEach((name, value) ->
                record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static ConsumerRecord<String, byte[]> copy(ConsumerRecord<String, byte[]> original) {
        var copy = new ConsumerRecord<String, byte[]>(original.topic(), original.partition(), OFFSETS.incrementAndGet(),
                original.key(), original.value());
        original.headers().forEach(header -> copy.headers().add(header.key(), header.value()));
        return copy;
    }
}
