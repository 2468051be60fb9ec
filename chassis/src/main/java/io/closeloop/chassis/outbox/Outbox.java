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
    /**
     * A dead letter copies the record with more headers. A record near the broker's 1 MB limit would then be over
     * it, and the relay, which publishes in order, would stop at that row for good. Larger payloads are kept whole in
     * the dead_letter table only.
     */
    static final int DEAD_LETTER_PAYLOAD_LIMIT = 512 * 1024;

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

    /**
     * Keeps an unusable record on {@code <topic>.dlq}, byte for byte, with the reason in its headers; a payload over
     * {@value #DEAD_LETTER_PAYLOAD_LIMIT} bytes is left out and said to be.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deadLetter(ConsumerRecord<String, byte[]> record, String consumer, String reason) {
        Map<String, String> headers = CloudEventHeaders.asMap(record.headers());
        headers.put(CloudEvents.HEADER_DLQ_REASON, reason);
        headers.put(CloudEvents.HEADER_DLQ_TOPIC, record.topic());
        headers.put(CloudEvents.HEADER_DLQ_PARTITION, Integer.toString(record.partition()));
        headers.put(CloudEvents.HEADER_DLQ_OFFSET, Long.toString(record.offset()));
        headers.put(CloudEvents.HEADER_DLQ_CONSUMER, consumer);
        byte[] payload = record.value() == null ? new byte[0] : record.value();
        if (payload.length > DEAD_LETTER_PAYLOAD_LIMIT) {
            headers.put(CloudEvents.HEADER_DLQ_PAYLOAD_OMITTED, payload.length + " bytes, kept in the dead_letter table");
            payload = new byte[0];
        }
        write(Topics.deadLetterOf(record.topic()), record.key(), headers, payload);
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
