package io.closeloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.local.LocalInfra;
import io.closeloop.local.ServiceJvm;
import io.closeloop.testing.KafkaClients;
import io.closeloop.testing.SiteFeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark 1 of issue 10: a site's history already on the intake topic, stored by a plain Kafka consumer with
 * batched JDBC upserts (the baseline), then by the packaged incident-service from a cold start.
 */
public final class BackfillIngest {

    private static final String SITE = "north";
    private static final String TOPIC = Topics.reportedBy(SITE);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration HISTORY = Duration.ofDays(5 * 365);

    /** Same columns, key and index as incident-service's incident table (its V1 migration). */
    private static final String BASELINE_TABLE = """
            CREATE TABLE incident (
                id                 UUID PRIMARY KEY,
                site               VARCHAR(40)   NOT NULL,
                site_reference     VARCHAR(64)   NOT NULL,
                version            BIGINT        NOT NULL,
                occurred_at        TIMESTAMPTZ   NOT NULL,
                reported_at        TIMESTAMPTZ   NOT NULL,
                category           VARCHAR(40)   NOT NULL,
                harm_level         VARCHAR(20)   NOT NULL,
                location           VARCHAR(200),
                description        VARCHAR(4000) NOT NULL,
                immediate_actions  VARCHAR(4000),
                stage              VARCHAR(20)   NOT NULL,
                received_at        TIMESTAMPTZ   NOT NULL,
                updated_at         TIMESTAMPTZ   NOT NULL,
                CONSTRAINT incident_site_reference UNIQUE (site, site_reference)
            );
            CREATE INDEX incident_site_stage ON incident (site, stage, occurred_at DESC);
            """;

    private static final String UPSERT = """
            INSERT INTO incident (id, site, site_reference, version, occurred_at, reported_at, category, harm_level,
                location, description, immediate_actions, stage, received_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'REPORTED', now(), now())
            ON CONFLICT (site, site_reference) DO UPDATE SET version = EXCLUDED.version,
                occurred_at = EXCLUDED.occurred_at, reported_at = EXCLUDED.reported_at,
                category = EXCLUDED.category, harm_level = EXCLUDED.harm_level, location = EXCLUDED.location,
                description = EXCLUDED.description, immediate_actions = EXCLUDED.immediate_actions,
                updated_at = now()
            WHERE incident.version < EXCLUDED.version
            """;

    /** ./bench/run runs from the repository's root. */
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private record Options(int records, Duration timeout, Path results, Path serviceJar, boolean jfr) {
    }

    private record Run(String name, long records, double seconds, double recordsPerSecond,
            Double secondsToFirstRow, Double recordsPerSecondAfterFirstRow, Long recurrenceLinks) {
    }

    private BackfillIngest() {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("records", options.records());
        parameters.put("topic", TOPIC);
        parameters.put("timeoutSeconds", options.timeout().toSeconds());
        parameters.put("baselineMaxPollRecords", 2000);
        parameters.put("serviceJvmOptions", ServiceJvm.declared(ROOT));
        parameters.put("historyYears", 5);
        parameters.put("categories", IncidentCategory.values().length);
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("benchmark", "backfill-ingest");
        LocalInfra.Endpoints infra = BenchEnv.start("Backfill ingest (issue 10, benchmark 1)", parameters, json);

        BenchEnv.emptyTopic(infra.kafkaBootstrapServers(), TOPIC);
        // Trained before the topic fills: a training start would otherwise ingest the backlog in its own group.
        LocalInfra.recreateDatabase("bench_incident");
        ServiceRunner.trainIfNeeded(ROOT, "incident-service", options.serviceJar(),
                ServiceRunner.environment(infra, "bench_incident", BenchEnv.freePort()),
                "bench_incident");
        produce(infra.kafkaBootstrapServers(), options.records());

        String wal = walActivity(infra);
        Run baseline = baseline(infra, options);
        System.out.println("baseline's server activity: " + walSince(infra, wal));
        wal = walActivity(infra);
        Run service = service(infra, options);
        System.out.println("incident-service's server activity: " + walSince(infra, wal));
        double ratio = service.recordsPerSecond() / baseline.recordsPerSecond();
        double ratioAfterStart = service.recordsPerSecondAfterFirstRow() / baseline.recordsPerSecond();
        System.out.printf("%nbaseline: %.0f records/s; incident-service: %.0f records/s from cold start, "
                + "%.0f records/s from its first stored row%n", baseline.recordsPerSecond(),
                service.recordsPerSecond(), service.recordsPerSecondAfterFirstRow());
        System.out.printf("ratio service/baseline: %.3f (%.3f excluding start-up); target >= 0.5%n",
                ratio, ratioAfterStart);
        write(options, json, baseline, service, ratio, ratioAfterStart);
    }

    /** WAL written (full-page images among it) and checkpoints so far: what a run costs the server besides rows. */
    private static String walActivity(LocalInfra.Endpoints infra) throws SQLException {
        try (Connection connection = BenchEnv.connect(infra, "postgres");
                ResultSet row = connection.createStatement().executeQuery("""
                        select w.wal_bytes, w.wal_fpi, c.num_timed + c.num_requested
                        from pg_stat_wal w, pg_stat_checkpointer c""")) {
            row.next();
            return row.getString(1) + "," + row.getLong(2) + "," + row.getLong(3);
        }
    }

    private static String walSince(LocalInfra.Endpoints infra, String before) throws SQLException {
        String[] from = before.split(",");
        String[] to = walActivity(infra).split(",");
        return String.format(Locale.ROOT, "%.0f MiB of WAL, %d full-page images, %d checkpoints",
                (new java.math.BigDecimal(to[0]).subtract(new java.math.BigDecimal(from[0]))).doubleValue() / 1048576,
                Long.parseLong(to[1]) - Long.parseLong(from[1]), Long.parseLong(to[2]) - Long.parseLong(from[2]));
    }

    private static Options parse(String[] args) {
        int records = 200_000;
        Duration timeout = Duration.ofMinutes(15);
        Path results = Path.of("bench/results");
        Path jar = Path.of("incident-service/target/quarkus-app/quarkus-run.jar");
        boolean jfr = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--timeout-minutes" -> timeout = Duration.ofMinutes(Long.parseLong(args[++i]));
                case "--results" -> results = Path.of(args[++i]);
                case "--service-jar" -> jar = Path.of(args[++i]);
                case "--jfr" -> jfr = true;
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; options: --records N, --timeout-minutes M, --results DIR, --service-jar JAR, --jfr");
            }
        }
        if (records < 1) {
            throw new IllegalArgumentException("--records must be positive");
        }
        return new Options(records, timeout, results.toAbsolutePath(), jar.toAbsolutePath(), jfr);
    }

    /** N reports as the site's system would send them, batched: the producer is not what is measured. */
    private static void produce(String bootstrap, int records) throws Exception {
        Properties props = KafkaClients.config(bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        IncidentCategory[] categories = IncidentCategory.values();
        // Five years of history, oldest first, as a site's system would replay it.
        long minutesApart = Math.max(1, HISTORY.toMinutes() / records);
        HarmLevel[] harms = HarmLevel.values();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < records && failure.get() == null; i++) {
                Instant occurredAt = now.minus((records - i) * minutesApart, ChronoUnit.MINUTES);
                IncidentReported report = new IncidentReported(SITE, "N-BENCH-%07d".formatted(i + 1), 1L,
                        occurredAt, occurredAt.plus(20, ChronoUnit.MINUTES), categories[i % categories.length],
                        harms[i % 3], "Ward " + (i % 12 + 1),
                        "Backfilled report " + (i + 1) + ": resident found on the floor after an unwitnessed fall.",
                        "Checked for injury, GP informed.", List.of());
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, report.key(),
                        EventJson.write(report));
                SiteFeed.headers(UUID.randomUUID().toString(), SITE, report.key())
                        .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka refused a record", failure.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("produced %d reports to %s in %.1f s (%.0f records/s)%n", records, TOPIC, seconds,
                records / seconds);
    }

    private static Run baseline(LocalInfra.Endpoints infra, Options options) throws Exception {
        System.out.println("\n-- baseline: plain KafkaConsumer, batched JDBC upserts, one commit per poll");
        LocalInfra.recreateDatabase("bench_baseline");
        try (Connection connection = BenchEnv.connect(infra, "bench_baseline"); Statement statement = connection.createStatement()) {
            statement.execute(BASELINE_TABLE);
        }
        AtomicLong firstPoll = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                consume(infra, firstPoll, running);
            } catch (Exception e) {
                failure.set(e);
            }
        }, "baseline-consumer");
        long started = System.nanoTime();
        consumer.start();
        try (Connection counting = BenchEnv.connect(infra, "bench_baseline")) {
            long done = awaitCount(counting, options, started, "baseline", failure::get);
            long from = firstPoll.get();
            double seconds = (done - from) / 1e9;
            return new Run("baseline", options.records(), seconds, options.records() / seconds, null, null,
                    null);
        } finally {
            running.set(false);
            consumer.join(30_000);
        }
    }

    private static void consume(LocalInfra.Endpoints infra, AtomicLong firstPoll, AtomicBoolean running)
            throws Exception {
        Properties props = KafkaClients.config(infra.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
                Connection connection = BenchEnv.connect(infra, "bench_baseline");
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            connection.setAutoCommit(false);
            consumer.subscribe(List.of(TOPIC));
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                firstPoll.compareAndSet(0, System.nanoTime());
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    IncidentReported report = EventJson.read(EventJson.tree(record.value()), IncidentReported.class);
                    bind(upsert, report);
                    upsert.addBatch();
                }
                upsert.executeBatch();
                connection.commit();
                consumer.commitSync();
            }
        }
    }

    private static void bind(PreparedStatement upsert, IncidentReported report) throws SQLException {
        upsert.setObject(1, UUID.randomUUID());
        upsert.setString(2, report.site());
        upsert.setString(3, report.siteReference());
        upsert.setLong(4, report.version() == null ? 0 : report.version());
        upsert.setTimestamp(5, Timestamp.from(report.occurredAt()));
        upsert.setTimestamp(6, Timestamp.from(report.reportedAt()));
        upsert.setString(7, report.category().name());
        upsert.setString(8, report.harmLevel().name());
        upsert.setString(9, report.location());
        upsert.setString(10, report.description());
        upsert.setString(11, report.immediateActions());
    }

    /** The broker lets incident-service's principal use only its own group: the operator grants the fresh one. */
    private static Run service(LocalInfra.Endpoints infra, Options options) throws Exception {
        System.out.println("\n-- incident-service: packaged application, cold start");
        if (!Files.exists(options.serviceJar())) {
            throw new IllegalStateException(options.serviceJar()
                    + " is missing: run ./mvnw -q -pl incident-service package -DskipTests");
        }
        LocalInfra.recreateDatabase("bench_incident");
        Path log = options.results().getParent().resolve("target/incident-service.log");
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        // A fresh consumer group reads the topic from the start, like a new deployment meeting a backfill.
        String group = "bench-incident-" + UUID.randomUUID();
        KafkaClients.allowGroup(infra.kafkaBootstrapServers(), "incident-service", group);
        // The shell holds stdin and stops the service when this JVM goes, even when it is killed.
        String profile = options.jfr() ? " -XX:StartFlightRecording=settings=profile,filename=\""
                + log.resolveSibling("incident-service.jfr") + "\"" : "";
        String command = "\"" + java + "\" " + ServiceJvm.options(ROOT, options.serviceJar()) + profile + " -Dmp.messaging.incoming.incidents-reported.group.id=" + group
                + " -jar \"" + options.serviceJar() + "\" </dev/null & pid=$!; "
                + "trap 'kill $pid' TERM; cat >/dev/null; kill $pid; wait $pid";
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(ServiceRunner.environment(infra, "bench_incident", BenchEnv.freePort()));
        long started = System.nanoTime();
        Process process = builder.start();
        System.out.println("service log: " + log);
        try (Connection counting = BenchEnv.connect(infra, "bench_incident")) {
            AtomicLong firstRow = new AtomicLong();
            long done = awaitCount(counting, options, started, "incident-service", () -> process.isAlive() ? null
                    : new IllegalStateException("incident-service exited with " + process.exitValue() + "; see " + log),
                    firstRow);
            double seconds = (done - started) / 1e9;
            double toFirstRow = (firstRow.get() - started) / 1e9;
            double afterFirstRow = (done - firstRow.get()) / 1e9;
            long links = links(counting);
            System.out.println("incident-service linked " + links + " recurrence pairs while storing them");
            return new Run("incident-service", options.records(), seconds, options.records() / seconds, toFirstRow,
                    options.records() / afterFirstRow, links);
        } finally {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    private static long awaitCount(Connection connection, Options options, long started, String name,
            Supplier<Exception> failure) throws Exception {
        return awaitCount(connection, options, started, name, failure, new AtomicLong());
    }

    /** Polls the row count until every record is stored; returns when, and notes when the first row appeared. */
    private static long awaitCount(Connection connection, Options options, long started, String name,
            Supplier<Exception> failure, AtomicLong firstRow) throws Exception {
        long deadline = started + options.timeout().toNanos();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        long lastProgress = -1;
        while (true) {
            long count = count(connection);
            long now = System.nanoTime();
            if (count > 0) {
                firstRow.compareAndSet(0, now);
            }
            if (count >= options.records()) {
                System.out.printf("%s: %d/%d stored after %.1f s%n", name, count, options.records(),
                        (now - started) / 1e9);
                return now;
            }
            Exception failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException(name + " failed", failed);
            }
            if (now > deadline) {
                throw new IllegalStateException(name + " stored " + count + " of " + options.records()
                        + " records within " + options.timeout().toMinutes() + " min; stopping");
            }
            if (now > nextProgress) {
                System.out.printf("%s: %d/%d stored after %.0f s%n", name, count, options.records(),
                        (now - started) / 1e9);
                if (count > 0 && count == lastProgress) {
                    printActivity(connection);
                }
                lastProgress = count;
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(100);
        }
    }

    /**
     * While the count stands still: what every other session of the server is doing (wait events, running
     * statements, autovacuum), to tell a stalled statement from a client that sends nothing.
     */
    private static void printActivity(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select datname, backend_type, state, wait_event_type, wait_event,
                          round(extract(epoch from now() - query_start)::numeric, 1),
                          left(regexp_replace(query, '\\s+', ' ', 'g'), 120)
                        from pg_stat_activity where pid <> pg_backend_pid() and state is distinct from 'idle'
                        order by query_start""")) {
            while (rows.next()) {
                System.out.printf("  stalled? %s %s %s %s/%s for %s s: %s%n", rows.getString(1), rows.getString(2),
                        rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7));
            }
        }
    }

    /** The row count, or 0 while the service's migration has not created the table yet. */
    private static long count(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM incident")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException notYet) {
            return 0;
        }
    }

    /** The service's work beyond storing: each report is linked to earlier ones of its category and site. */
    private static long links(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM incident_link")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void write(Options options, ObjectNode json, Run baseline, Run service, double ratio,
            double ratioAfterStart) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        runs.add(EventJson.mapper().valueToTree(baseline));
        runs.add(EventJson.mapper().valueToTree(service));
        json.set("runs", EventJson.mapper().valueToTree(runs));
        json.put("ratioServiceToBaseline", ratio);
        json.put("ratioServiceToBaselineExcludingStartUp", ratioAfterStart);
        json.put("target", "service >= 50% of baseline");
        String table = """
                | Run | Records | Seconds | Records/s | Seconds to first row | Records/s after first row |
                |---|---:|---:|---:|---:|---:|
                | baseline (KafkaConsumer + batched JDBC upserts) | %d | %.1f | %.0f | | |
                | incident-service (cold start) | %d | %.1f | %.0f | %.1f | %.0f |

                Ratio service/baseline: **%.3f** (%.3f excluding start-up). Target: 0.5 or more.
                incident-service also stored %d recurrence links (incident_link) for these reports.
                """.formatted(baseline.records(), baseline.seconds(), baseline.recordsPerSecond(),
                service.records(), service.seconds(), service.recordsPerSecond(), service.secondsToFirstRow(),
                service.recordsPerSecondAfterFirstRow(), ratio, ratioAfterStart, service.recurrenceLinks());
        BenchEnv.write(options.results(), "backfill-ingest-" + options.records(), json,
                "Backfill ingest, " + options.records() + " records", table);
    }
}
