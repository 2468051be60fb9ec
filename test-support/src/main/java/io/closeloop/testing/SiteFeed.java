package io.closeloop.testing;

import io.closeloop.contracts.CloudEvents;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReported;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes to Kafka as a site's system or a stage service would: a plain producer, CloudEvents headers, JSON data.
 * Reports go out authenticated as their site's own Kafka client, so the broker's ACLs apply as they do to a
 * real site; everything else goes out as the local operator ({@link KafkaClients#config(String)}).
 */
public final class SiteFeed implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, KafkaProducer<String, byte[]>> siteProducers = new HashMap<>();

    public SiteFeed(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = producer(KafkaClients.config(bootstrapServers));
    }

    /** Publishes a report on its site's topic as the site's own client; returns the event id. */
    public String report(IncidentReported report) {
        String id = UUID.randomUUID().toString();
        KafkaProducer<String, byte[]> site = siteProducers.computeIfAbsent(report.site(),
                code -> producer(KafkaClients.site(bootstrapServers, code)));
        send(site, Topics.reportedBy(report.site()), report.key(), headers(id, report.site(), report.key()),
                EventJson.write(report));
        return id;
    }

    /** Publishes a stage event as its producing service would: keyed and subject-ed by the incident id. */
    public String publish(String topic, String subject, Object event) {
        return publish(topic, subject, event, UUID.randomUUID().toString());
    }

    /** Publishes with a given event id: twice with the same id is a redelivery. */
    public String publish(String topic, String subject, Object event, String id) {
        Map<String, String> headers = new HashMap<>(headers(id, "test", subject));
        headers.put(CloudEvents.HEADER_TYPE, EventType.of(event.getClass()).type());
        headers.put(CloudEvents.HEADER_SOURCE, "/tests");
        send(topic, subject, headers, EventJson.write(event));
        return id;
    }

    /** Publishes any bytes with any headers, as the operator: for the records a careless or hostile site might send. */
    public void send(String topic, String key, Map<String, String> headers, byte[] value) {
        send(producer, topic, key, headers, value);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key,
            Map<String, String> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the record", e.getCause());
        }
    }

    public static Map<String, String> headers(String id, String site, String subject) {
        return Map.of(
                CloudEvents.HEADER_SPEC_VERSION, CloudEvents.SPEC_VERSION,
                CloudEvents.HEADER_ID, id,
                CloudEvents.HEADER_TYPE, EventType.INCIDENT_REPORTED.type(),
                CloudEvents.HEADER_SOURCE, "/sites/" + site,
                CloudEvents.HEADER_SUBJECT, subject,
                CloudEvents.HEADER_TIME, Instant.now().toString(),
                CloudEvents.HEADER_CONTENT_TYPE, CloudEvents.JSON);
    }

    private static KafkaProducer<String, byte[]> producer(Properties props) {
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    @Override
    public void close() {
        siteProducers.values().forEach(KafkaProducer::close);
        producer.close();
    }
}
