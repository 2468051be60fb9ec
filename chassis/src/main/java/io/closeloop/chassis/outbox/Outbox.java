package io.closeloop.chassis.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.closeloop.chassis.ChassisConfig;
import io.closeloop.chassis.events.CloudEventHeaders;
import io.closeloop.contracts.CloudEvents;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Writes events into the outbox table in the caller's transaction. Nothing reaches Kafka unless the state change
 * that caused it commits; the {@link OutboxRelay} publishes after commit.
 */
@ApplicationScoped
public class Outbox {

    static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final ChassisConfig config;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    Outbox(ChassisConfig config, Clock clock, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.config = config;
        this.clock = clock;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Publishes {@code event} on {@code topic}, keyed and subject-ed by {@code subject} (an incident id). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String subject, Object event) {
        EventType type = EventType.of(event.getClass());
        var headers = CloudEventHeaders.outgoing(type.type(), config.source(), subject, clock.instant());
        write(topic, subject, headers, EventJson.write(event));
    }

    /** Keeps an unusable record on {@code <topic>.dlq}, byte for byte, with the reason in its headers. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deadLetter(ConsumerRecord<String, byte[]> record, String consumer, String reason) {
        Map<String, String> headers = CloudEventHeaders.asMap(record.headers());
        headers.put(CloudEvents.HEADER_DLQ_REASON, reason);
        headers.put(CloudEvents.HEADER_DLQ_TOPIC, record.topic());
        headers.put(CloudEvents.HEADER_DLQ_PARTITION, Integer.toString(record.partition()));
        headers.put(CloudEvents.HEADER_DLQ_OFFSET, Long.toString(record.offset()));
        headers.put(CloudEvents.HEADER_DLQ_CONSUMER, consumer);
        write(Topics.deadLetterOf(record.topic()), record.key(), headers,
                record.value() == null ? new byte[0] : record.value());
    }

    private void write(String topic, String key, Map<String, String> headers, byte[] payload) {
        OutboxRecord row = new OutboxRecord();
        row.topic = topic;
        row.key = key;
        row.payload = payload;
        try {
            row.headers = EventJson.mapper().writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Headers are plain strings and always serialize", e);
        }
        row.persist();
        transactions.registerInterposedSynchronization(new WakeRelayAfterCommit(relay));
    }

    private record WakeRelayAfterCommit(OutboxRelay relay) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wake();
            }
        }
    }
}
