package io.closeloop.chassis.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.closeloop.chassis.ChassisConfig;
import io.closeloop.contracts.EventJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows in id order and marks them sent. A crash between the broker's acknowledgement and
 * the mark resends the rows later: at least once on the wire, and the consumers' inbox makes it exactly once in effect.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** One relay at a time per database keeps the order of rows, also with several replicas. */
    private static final long RELAY_LOCK = 0x636c6f73656c6f6fL;

    private final MutinyEmitter<byte[]> emitter;
    private final EntityManager entityManager;
    private final ChassisConfig.Outbox config;
    private final Counter sent;
    private final Semaphore wake = new Semaphore(0);
    /**
     * Sends happen here, on a thread with no transaction: a send started inside the relay's transaction carries it
     * to Kafka's callback thread (context propagation), and Narayana then refuses to commit with two threads in it.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("outbox-send").daemon().factory());
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(@Channel("outbox") MutinyEmitter<byte[]> emitter, EntityManager entityManager, ChassisConfig config,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.entityManager = entityManager;
        this.config = config.outbox();
        this.sent = Counter.builder("closeloop.outbox.sent").description("Outbox rows published").register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake.release();
        thread.join(config.sendTimeout().toMillis());
        sender.shutdown();
    }

    void wake() {
        wake.release();
    }

    private void loop() {
        long backoffMillis = 100;
        while (running) {
            try {
                wake.drainPermits();
                int published = relayBatch();
                backoffMillis = 100;
                if (published < config.batchSize()) {
                    wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay could not publish, retrying in %d ms: %s", backoffMillis, e.getMessage());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
    }

    /** Publishes one batch in one transaction; returns how many rows it marked sent. */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean locked = (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(:lock)")
                    .setParameter("lock", RELAY_LOCK)
                    .getSingleResult();
            if (!locked) {
                return 0;
            }
            List<OutboxRecord> batch = OutboxRecord.<OutboxRecord>find("sentAt is null order by id")
                    .page(0, config.batchSize())
                    .list();
            if (batch.isEmpty()) {
                return 0;
            }
            sendOutsideTransaction(batch);
            Instant now = Instant.now();
            batch.forEach(row -> row.sentAt = now);
            sent.increment(batch.size());
            return batch.size();
        });
    }

    private void sendOutsideTransaction(List<OutboxRecord> batch) throws InterruptedException, TimeoutException {
        try {
            CompletableFuture.runAsync(() -> Uni.join().all(batch.stream().map(this::send).toList()).andFailFast()
                    .await().atMost(config.sendTimeout()), sender)
                    .get(config.sendTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private Uni<Void> send(OutboxRecord row) {
        RecordHeaders headers = new RecordHeaders();
        headers(row).forEach((name, value) -> headers.add(name,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.key)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata));
    }

    private static Map<String, String> headers(OutboxRecord row) {
        try {
            return EventJson.mapper().readValue(row.headers, Outbox.HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox row " + row.id + " has unreadable headers", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
