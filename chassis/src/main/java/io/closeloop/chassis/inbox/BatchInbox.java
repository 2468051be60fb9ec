package io.closeloop.chassis.inbox;

import io.closeloop.chassis.ChassisConfig;
import io.closeloop.chassis.events.EventDecoder;
import io.closeloop.chassis.events.InboundEvent;
import io.closeloop.contracts.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The batch form of {@link Inbox}: a poll's worth of records is recorded in the inbox and applied in one transaction,
 * so a backfill costs one durable commit per batch instead of one per record. The guarantees are the inbox's: each
 * event id is applied once (a redelivery, or the same event twice in one batch, is a no-op); a record that cannot be
 * decoded, or that breaks a rule, is dead-lettered with its reason while the rest of its batch is applied; an outage is
 * waited out without skipping anything; any other failure sends the batch through the single-record inbox, which
 * retries each record a bounded number of times and dead-letters the one at fault, so a poison record never stalls its
 * partition.
 */
@ApplicationScoped
public class BatchInbox {

    private static final Logger LOG = Logger.getLogger(BatchInbox.class);

    private final Inbox inbox;
    private final EntityManager entityManager;
    private final ChassisConfig.Inbox config;
    private final MeterRegistry registry;
    private final Stopping stopping;

    BatchInbox(Inbox inbox, EntityManager entityManager, ChassisConfig config, MeterRegistry registry,
            Stopping stopping) {
        this.inbox = inbox;
        this.entityManager = entityManager;
        this.config = config.inbox();
        this.registry = registry;
        this.stopping = stopping;
    }

    private record Pending<T>(ConsumerRecord<String, byte[]> record, InboundEvent<T> event) {
    }

    public <T> void consume(String consumer, List<ConsumerRecord<String, byte[]>> records, EventType type,
            BatchHandler<T> handler) {
        EventHandler<T> single = event -> {
            try {
                handler.handle(List.of(event));
            } catch (RejectedInBatch rejected) {
                throw rejected.rejection();
            }
        };
        List<Pending<T>> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (EventDecoder.<T>decode(record, type) instanceof EventDecoder.Decoded<T> ok) {
                decoded.add(new Pending<>(record, ok.event()));
            } else {
                // The single-record inbox dead-letters it with the decoder's reason.
                inbox.consume(consumer, record, type, single);
            }
        }
        apply(consumer, decoded, type, handler, single);
    }

    private <T> void apply(String consumer, List<Pending<T>> batch, EventType type, BatchHandler<T> handler,
            EventHandler<T> single) {
        if (batch.isEmpty()) {
            return;
        }
        long backoff = config.initialBackoff().toMillis();
        while (true) {
            List<Pending<T>> fresh = new ArrayList<>(batch.size());
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    fresh.clear();
                    Set<String> recorded = record(consumer, batch);
                    for (Pending<T> pending : batch) {
                        // remove: the second copy of an id in the same batch is a duplicate too.
                        if (recorded.remove(pending.event().id())) {
                            fresh.add(pending);
                        }
                    }
                    if (!fresh.isEmpty()) {
                        handler.handle(fresh.stream().map(Pending::event).toList());
                    }
                });
                count(consumer, "applied", fresh.size());
                count(consumer, "duplicate", batch.size() - fresh.size());
                return;
            } catch (RejectedInBatch rejected) {
                if (rejected.position() < 0 || rejected.position() >= fresh.size()) {
                    throw new IllegalStateException(consumer + " rejected a position outside its batch", rejected);
                }
                int at = indexOf(batch, fresh.get(rejected.position()));
                apply(consumer, batch.subList(0, at), type, handler, single);
                inbox.consume(consumer, batch.get(at).record(), type, single);
                apply(consumer, batch.subList(at + 1, batch.size()), type, handler, single);
                return;
            } catch (RuntimeException failure) {
                if (stopping.now()) {
                    throw stopping.leaveUnacknowledged(consumer, "a batch of " + batch.size(), failure);
                }
                if (!Failures.isTransient(failure)) {
                    LOG.warnf("%s falls back to one record at a time for a batch of %d: %s", consumer, batch.size(),
                            Failures.describe(failure));
                    for (Pending<T> pending : batch) {
                        inbox.consume(consumer, pending.record(), type, single);
                    }
                    return;
                }
                LOG.warnf("%s waits for an outage to end (batch of %d): %s", consumer, batch.size(),
                        Failures.describe(failure));
                pause(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
    }

    /** Records every event id of the batch in one statement; returns the ids this consumer had not seen. */
    private Set<String> record(String consumer, List<? extends Pending<?>> batch) {
        String[] ids = batch.stream().map(p -> p.event().id()).toArray(String[]::new);
        String[] types = batch.stream().map(p -> p.event().type()).toArray(String[]::new);
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into inbox (consumer, event_id, event_type, outcome)
                    select ?, e.id, e.type, ? from unnest(?::text[], ?::text[]) as e(id, type)
                    on conflict do nothing returning event_id""")) {
                insert.setString(1, consumer);
                insert.setString(2, ProcessedEvent.APPLIED.name());
                insert.setArray(3, connection.createArrayOf("text", ids));
                insert.setArray(4, connection.createArrayOf("text", types));
                Set<String> recorded = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        recorded.add(rows.getString(1));
                    }
                }
                return recorded;
            }
        });
    }

    private static int indexOf(List<? extends Pending<?>> batch, Pending<?> pending) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == pending) {
                return i;
            }
        }
        throw new IllegalStateException("The rejected event is not in its batch");
    }

    private void count(String consumer, String outcome, int events) {
        if (events > 0) {
            registry.counter("closeloop.inbox.events", "consumer", consumer, "outcome", outcome).increment(events);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry; the batch stays unacknowledged", e);
        }
    }
}
