package io.closeloop.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closeloop.contracts.CloudEvents;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.local.LocalInfra;
import io.closeloop.local.ServiceJvm;
import io.closeloop.testing.KafkaClients;
import io.closeloop.testing.SiteFeed;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark 2 of issue 10: stage hop latency at a steady rate. The hop measured is the site's stage into stage 1:
 * from the moment a site's system publishes a report (its {@code ce_time}, written into the record) to the moment
 * incident-service stores the incident ({@code received_at}, taken in the transaction that commits it). Baseline in
 * the same run, on the same broker: a plain producer to a plain consumer that answers on a second topic, timed from
 * the first send to the answer's arrival (a round trip).
 */
final class StageHop {

    private static final String SITE = "north";
    private static final String PING = "bench.hop.ping";
    private static final String PONG = "bench.hop.pong";

    private record Latencies(String name, int samples, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
        static Latencies of(String name, double[] millis) {
            double[] sorted = BenchEnv.sorted(millis);
            return new Latencies(name, sorted.length, BenchEnv.quantile(sorted, 0.50), BenchEnv.quantile(sorted, 0.99),
                    BenchEnv.quantile(sorted, 0.999), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
        }
    }

    private StageHop() {
    }

    static void run(Path root, Path results, double scale, int rate, Duration timeout, boolean jfr) throws Exception {
        int seconds = Math.max(5, (int) Math.round(60 * scale));
        int count = rate * seconds;
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("ratePerSecond", rate);
        parameters.put("seconds", seconds);
        parameters.put("records", count);
        parameters.put("warmUpRecords", 200);
        parameters.put("serviceJvmOptions", ServiceJvm.declared(root));
        parameters.put("producer", "acks=all, linger.ms=0");
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("benchmark", "stage-hop");
        LocalInfra.Endpoints infra = BenchEnv.start("Stage hop latency (issue 10, benchmark 2)", parameters, json);
        createTopics(infra.kafkaBootstrapServers());

        Path samplesFile = root.resolve("bench/target/stage-hop-samples.csv");
        Files.deleteIfExists(samplesFile);
        Latencies baseline = baseline(infra, count, rate, samplesFile);
        List<Latencies> measured;
        // The broker lets incident-service's principal use only its own group: the operator grants the fresh one.
        String group = "bench-hop-" + UUID.randomUUID();
        KafkaClients.allowGroup(infra.kafkaBootstrapServers(), "incident-service", group);
        List<String> options = new java.util.ArrayList<>(
                List.of("-Dmp.messaging.incoming.incidents-reported.group.id=" + group));
        if (jfr) {
            options.add("-XX:StartFlightRecording=settings=profile,filename=\""
                    + root.resolve("bench/target/incident-service-hop.jfr") + "\"");
        }
        try (ServiceRunner incidents = ServiceRunner.start(root, infra, "incident-service", options, Map.of())) {
            incidents.awaitReady(timeout);
            measured = service(infra, incidents, count, rate, timeout, samplesFile);
        }
        Latencies service = measured.get(0);
        Latencies secondHalf = measured.get(1);
        double target = 3 * baseline.p99Ms() + 20;
        boolean met = service.p99Ms() <= target;
        System.out.printf("%nbaseline round trip: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms%n", baseline.p50Ms(),
                baseline.p99Ms(), baseline.p999Ms());
        System.out.printf("site -> incident-service stored: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms%n",
                service.p50Ms(), service.p99Ms(), service.p999Ms());
        System.out.printf("  of which the second half of the run: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms%n",
                secondHalf.p50Ms(), secondHalf.p99Ms(), secondHalf.p999Ms());
        System.out.println("every sample: " + samplesFile);
        System.out.printf("target: p99 <= 3 x %.1f + 20 = %.1f ms: %s%n", baseline.p99Ms(), target,
                met ? "met" : "not met");
        json.set("runs", EventJson.mapper().valueToTree(List.of(baseline, service, secondHalf)));
        json.put("targetP99Ms", target);
        json.put("targetMet", met);
        String table = """
                | Hop | Samples | p50 ms | p99 ms | p99.9 ms | max ms |
                |---|---:|---:|---:|---:|---:|
                | baseline: plain producer -> plain consumer -> reply -> plain consumer (round trip) | %d | %.1f | %.1f | %.1f | %.1f |
                | site publishes a report -> incident-service has stored it (received_at) | %d | %.1f | %.1f | %.1f | %.1f |
                | the same, reports sent in the second half of the run only (not the target's figure) | %d | %.1f | %.1f | %.1f | %.1f |

                Target: p99 of the hop <= 3 x baseline p99 + 20 ms = %.1f ms: **%s**.
                """.formatted(baseline.samples(), baseline.p50Ms(), baseline.p99Ms(), baseline.p999Ms(),
                baseline.maxMs(), service.samples(), service.p50Ms(), service.p99Ms(), service.p999Ms(),
                service.maxMs(), secondHalf.samples(), secondHalf.p50Ms(), secondHalf.p99Ms(), secondHalf.p999Ms(),
                secondHalf.maxMs(), target, met ? "met" : "not met");
        BenchEnv.write(results, "stage-hop-" + count, json, "Stage hop latency, " + rate + "/s for " + seconds + " s",
                table);
    }

    private static void createTopics(String bootstrap) throws Exception {
        LocalInfra.deleteTopics("bench.hop.");
        try (Admin admin = Admin.create(KafkaClients.config(bootstrap))) {
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try {
                    admin.createTopics(List.of(new NewTopic(PING, 1, (short) 1), new NewTopic(PONG, 1, (short) 1)))
                            .all().get();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    private static Properties producerConfig(String bootstrap) {
        Properties props = KafkaClients.config(bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static Properties consumerConfig(String bootstrap, String group) {
        Properties props = KafkaClients.config(bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Sends at {@code rate} per second, each send at its slot, not faster to catch up after a stall. */
    private interface Sender {
        void send(int i) throws Exception;
    }

    private static void paced(int count, int rate, Sender sender) throws Exception {
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            sender.send(i);
        }
    }

    private static Latencies baseline(LocalInfra.Endpoints infra, int count, int rate, Path samplesFile) throws Exception {
        System.out.println("\n-- baseline: plain producer -> plain consumer -> reply, " + count + " round trips");
        String bootstrap = infra.kafkaBootstrapServers();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread echo = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrap,
                    "bench-hop-echo-" + UUID.randomUUID()));
                    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
                consumer.subscribe(List.of(PING));
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        producer.send(new ProducerRecord<>(PONG, record.key(), record.value()));
                    }
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }, "baseline-echo");
        Map<String, Long> sent = new ConcurrentHashMap<>();
        double[] millis = new double[count];
        double[] sentAtMs = new double[count];
        long[] firstSend = {0};
        int[] received = {0};
        Thread collector = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrap,
                    "bench-hop-collector-" + UUID.randomUUID()))) {
                consumer.subscribe(List.of(PONG));
                while (running.get() && received[0] < count) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        Long at = sent.get(record.key());
                        if (at != null && received[0] < count) {
                            sentAtMs[received[0]] = (at - firstSend[0]) / 1e6;
                            millis[received[0]++] = (now - at) / 1e6;
                        }
                    }
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }, "baseline-collector");
        echo.start();
        collector.start();
        // Both consumers have their partition before the clock starts.
        Thread.sleep(5000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
            firstSend[0] = System.nanoTime();
            paced(count, rate, i -> {
                String key = "ping-" + i;
                sent.put(key, System.nanoTime());
                producer.send(new ProducerRecord<>(PING, key, new byte[200]));
            });
        }
        collector.join(60_000);
        running.set(false);
        echo.join(10_000);
        if (failure.get() != null) {
            throw failure.get();
        }
        if (received[0] < count) {
            System.out.println("baseline: only " + received[0] + " of " + count + " answers within 60 s");
        }
        samples(samplesFile, "baseline", sentAtMs, millis, received[0]);
        return Latencies.of("baseline round trip", java.util.Arrays.copyOf(millis, received[0]));
    }

    /**
     * The hop's latencies over the whole run, and over the reports sent in its second half: a tail confined to the
     * first half is the service still warming up (its JIT compiling the per-batch path), not its steady state.
     */
    private static List<Latencies> service(LocalInfra.Endpoints infra, ServiceRunner incidents, int count, int rate,
            Duration timeout, Path samplesFile) throws Exception {
        System.out.println("\n-- incident-service: a site publishes " + count + " reports at " + rate + "/s");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Instant> sent = new ConcurrentHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(infra.kafkaBootstrapServers()));
                Connection connection = BenchEnv.connect(infra, incidents.database())) {
            // Warm-up: the first reports meet a cold JIT and empty pools; they are not measured.
            for (int i = 0; i < 200; i++) {
                send(producer, "W-" + run + "-" + i, Instant.now());
            }
            producer.flush();
            awaitStored(connection, "W-" + run + "-%", 200, timeout, incidents);
            paced(count, rate, i -> {
                String reference = "H-" + run + "-" + i;
                Instant at = Instant.now();
                sent.put(reference, at);
                send(producer, reference, at);
            });
            producer.flush();
            awaitStored(connection, "H-" + run + "-%", count, timeout, incidents);
            double[] millis = new double[count];
            double[] sentAtMs = new double[count];
            Instant first = sent.values().stream().min(Instant::compareTo).orElseThrow();
            int n = 0;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT site_reference, received_at FROM incident WHERE site_reference LIKE ?")) {
                query.setString(1, "H-" + run + "-%");
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Instant stored = rows.getTimestamp(2).toInstant();
                        sentAtMs[n] = Duration.between(first, sent.get(rows.getString(1))).toNanos() / 1e6;
                        millis[n++] = Duration.between(sent.get(rows.getString(1)), stored).toNanos() / 1e6;
                    }
                }
            }
            samples(samplesFile, "service", sentAtMs, millis, n);
            double half = count * 1000.0 / rate / 2;
            double[] secondHalf = java.util.stream.IntStream.range(0, n).filter(i -> sentAtMs[i] >= half)
                    .mapToDouble(i -> millis[i]).toArray();
            return List.of(Latencies.of("site -> incident-service stored", java.util.Arrays.copyOf(millis, n)),
                    Latencies.of("site -> incident-service stored, second half", secondHalf));
        }
    }

    /**
     * Every sample as a line (hop, ms since the first send, latency ms), so that a tail can be placed in time: spikes at
     * a fixed period point to a timer, not to the load.
     */
    private static void samples(Path file, String hop, double[] sentAtMs, double[] millis, int n) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++) {
            lines.append(hop).append(',').append(String.format(java.util.Locale.ROOT, "%.1f,%.2f", sentAtMs[i],
                    millis[i])).append('\n');
        }
        Files.writeString(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String reference, Instant at) {
        Instant occurred = at.minus(10, ChronoUnit.MINUTES);
        IncidentReported report = new IncidentReported(SITE, reference, 1L, occurred, occurred,
                IncidentCategory.values()[Math.floorMod(reference.hashCode(), IncidentCategory.values().length)],
                HarmLevel.LOW, "Ward 2", "Steady-rate report for the hop benchmark.", null, List.of());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.reportedBy(SITE), null,
                at.toEpochMilli(), report.key(), EventJson.write(report));
        Map<String, String> headers = new HashMap<>(SiteFeed.headers(UUID.randomUUID().toString(), SITE, report.key()));
        headers.put(CloudEvents.HEADER_TIME, at.toString());
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    private static void awaitStored(Connection connection, String pattern, int count, Duration timeout,
            ServiceRunner incidents) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM incident WHERE site_reference LIKE ?")) {
            query.setString(1, pattern);
            while (true) {
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) >= count) {
                        return;
                    }
                }
                if (!incidents.isAlive()) {
                    throw new IllegalStateException("incident-service exited; see " + incidents.log());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("incident-service did not store " + count + " reports in time");
                }
                Thread.sleep(200);
            }
        }
    }
}
