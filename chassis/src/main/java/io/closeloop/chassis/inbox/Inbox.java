package io.closeloop.chassis.inbox;

import io.closeloop.chassis.ChassisConfig;
import io.closeloop.chassis.events.CloudEventHeaders;
import io.closeloop.chassis.events.EventDecoder;
import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.contracts.CloudEvents;
import io.closeloop.contracts.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The one way a service consumes an event. The event id is recorded in the same transaction as the handler's effect,
 * so a redelivered event is a no-op. A record that cannot be decoded, or that the handler rejects, is dead-lettered
 * with its reason. An outage (database down) is retried without end: nothing is skipped and the partition resumes
 * where it stopped. Any other failure is retried a bounded number of times and then dead-lettered, so a poison record
 * never blocks its partition. Once the service is stopping, a failure is the shutdown's: the record is left
 * unacknowledged for the next start, neither retried nor dead-lettered ({@link Stopping}).
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final ChassisConfig.Inbox config;
    private final MeterRegistry registry;
    private final Stopping stopping;

    Inbox(EntityManager entityManager, Outbox outbox, ChassisConfig config, MeterRegistry registry,
            Stopping stopping) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.config = config.inbox();
        this.registry = registry;
        this.stopping = stopping;
    }

    public <T> void consume(String consumer, ConsumerRecord<String, byte[]> record, EventType type,
            EventHandler<T> handler) {
        EventDecoder.Result<T> result = EventDecoder.decode(record, type);
        if (result instanceof EventDecoder.Undecodable<T> undecodable) {
            deadLetter(consumer, record, ProcessedEvent.DEAD_LETTERED, undecodable.code(), undecodable.reason());
            return;
        }
        var event = ((EventDecoder.Decoded<T>) result).event();
        long backoff = config.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (!record(consumer, event.id(), event.type(), ProcessedEvent.APPLIED)) {
                        return false;
                    }
                    handler.handle(event);
                    return true;
                });
                count(consumer, applied ? "applied" : "duplicate");
                return;
            } catch (RejectedEvent rejected) {
                deadLetter(consumer, record, ProcessedEvent.REJECTED, rejected.code(), rejected.getMessage());
                return;
            } catch (RuntimeException failure) {
                if (stopping.now()) {
                    throw stopping.leaveUnacknowledged(consumer, "event " + event.id(), failure);
                }
                if (Failures.isTransient(failure)) {
                    LOG.warnf("%s waits for an outage to end (event %s): %s", consumer, event.id(),
                            Failures.describe(failure));
                    attempt = 0;
                } else if (attempt >= config.maxAttempts()) {
                    LOG.errorf(failure, "%s gives up on event %s after %d attempts", consumer, event.id(), attempt);
                    deadLetter(consumer, record, ProcessedEvent.DEAD_LETTERED, "processing-failed",
                            "processing failed after " + attempt + " attempts: " + Failures.describe(failure));
                    return;
                }
                pause(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
    }

    private void deadLetter(String consumer, ConsumerRecord<String, byte[]> record, ProcessedEvent outcome,
            String code, String reason) {
        String id = CloudEventHeaders.get(record.headers(), CloudEvents.HEADER_ID);
        // A record without an id is still recorded once, by its position in the log.
        String key = id == null || id.isBlank() || id.length() > EventDecoder.MAX_ID_LENGTH
                ? record.topic() + "/" + record.partition() + "/" + record.offset()
                : id;
        long backoff = config.initialBackoff().toMillis();
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (record(consumer, key, CloudEventHeaders.get(record.headers(), CloudEvents.HEADER_TYPE),
                            outcome)) {
                        keep(consumer, record, key, code, reason);
                        outbox.deadLetter(record, consumer, reason);
                    }
                });
                LOG.warnf("%s dead-lettered %s-%d@%d: %s", consumer, record.topic(), record.partition(),
                        record.offset(), reason);
                count(consumer, outcome.name().toLowerCase());
                registry.counter("closeloop.dead.letters", "consumer", consumer, "reason", code).increment();
                return;
            } catch (RuntimeException failure) {
                if (stopping.now()) {
                    throw stopping.leaveUnacknowledged(consumer,
                            record.topic() + "-" + record.partition() + "@" + record.offset(), failure);
                }
                if (!Failures.isTransient(failure)) {
                    throw failure;
                }
                LOG.warnf("%s waits for an outage to end before dead-lettering: %s", consumer,
                        Failures.describe(failure));
                pause(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
    }

    private static void keep(String consumer, ConsumerRecord<String, byte[]> record, String eventId, String code,
            String reason) {
        DeadLetter letter = new DeadLetter();
        letter.consumer = consumer;
        letter.topic = record.topic();
        letter.partition = record.partition();
        letter.offset = record.offset();
        letter.key = record.key();
        letter.eventId = eventId;
        letter.reasonCode = code;
        letter.reason = reason.length() > 4000 ? reason.substring(0, 4000) : reason;
        letter.payload = record.value() == null ? new byte[0] : record.value();
        letter.persist();
    }

    /** Records the event id; false when this consumer has already seen it. */
    private boolean record(String consumer, String eventId, String eventType, ProcessedEvent outcome) {
        return entityManager.createNativeQuery("""
                insert into inbox (consumer, event_id, event_type, outcome) values (:consumer, :id, :type, :outcome)
                on conflict do nothing""")
                .setParameter("consumer", consumer)
                .setParameter("id", eventId)
                .setParameter("type", eventType)
                .setParameter("outcome", outcome.name())
                .executeUpdate() == 1;
    }

    private void count(String consumer, String outcome) {
        registry.counter("closeloop.inbox.events", "consumer", consumer, "outcome", outcome).increment();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry; the record stays unacknowledged", e);
        }
    }
}
