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
import io.closeloop.testing.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark 3 of issue 10: N incidents through all four stages, the human steps scripted over REST with real tokens
 * (as the e2e walking skeleton does them, one incident after another per worker). Each phase is timed: the automated
 * ones (a stage's event reaching the next stage and being stored, read from the services' databases) apart from the
 * scripted human ones, so the time from report to closure can be given without the human steps.
 */
final class EndToEnd {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int WORKERS = 4;

    private record Phase(String phase, boolean automated, double seconds) {
    }

    private EndToEnd() {
    }

    static void run(Path root, Path results, double scale, Duration timeout) throws Exception {
        int count = Math.max(20, (int) Math.round(10_000 * scale));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("incidents", count);
        parameters.put("restWorkers", WORKERS);
        parameters.put("serviceJvmOptions", ServiceJvm.declared(root));
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("benchmark", "end-to-end");
        LocalInfra.Endpoints infra = BenchEnv.start("End to end (issue 10, benchmark 3)", parameters, json);
        List<Phase> phases = new ArrayList<>();
        Map<String, ServiceRunner> services = new LinkedHashMap<>();
        long started;
        try {
            for (String name : List.of("incident-service", "accountability-service", "action-service",
                    "verification-service")) {
                // The weekly packs need four weeks: action-service's clock is moved as e2e moves it.
                Map<String, String> settings = name.equals("action-service")
                        ? Map.of("CLOSELOOP_CLOCK_CONTROLLABLE", "true") : Map.of();
                services.put(name, ServiceRunner.start(root, infra, name, List.of(), settings));
            }
            for (ServiceRunner service : services.values()) {
                service.awaitReady(timeout);
            }
            String run = UUID.randomUUID().toString().substring(0, 8);
            String kc = infra.keycloakUrl();
            // A token per call from the cache: the full size runs for longer than a token lives.
            Supplier<String> reviewer = () -> Tokens.of(kc, "reviewer.north");
            Supplier<String> senior = () -> Tokens.of(kc, "senior");
            Supplier<String> leader = () -> Tokens.of(kc, "leader.north");
            Supplier<String> verifier = () -> Tokens.of(kc, "verifier");
            String incidents = services.get("incident-service").url();
            String accountability = services.get("accountability-service").url();
            String actions = services.get("action-service").url();
            String verification = services.get("verification-service").url();

            started = System.nanoTime();
            publish(infra, run, count);
            phases.add(timed("site reports stored by incident-service", true, () -> awaitCount(infra,
                    services.get("incident-service"), "SELECT count(*) FROM incident WHERE site_reference LIKE 'E-"
                            + run + "-%'", count, timeout)));
            List<String> incidentIds = ids(infra, services.get("incident-service"),
                    "SELECT id FROM incident WHERE site_reference LIKE 'E-" + run + "-%'");
            phases.add(timed("1 review drafted, submitted, approved (human)", false, () -> each(incidentIds, id -> {
                String review = post(incidents + "/incidents/" + id + "/reviews", reviewer, review(), 201)
                        .get("id").asText();
                post(incidents + "/incidents/" + id + "/reviews/" + review + "/submit", reviewer, null, 200);
                post(incidents + "/incidents/" + id + "/reviews/" + review + "/approve", senior, null, 200);
            })));
            phases.add(timed("incidents.reviewed -> accountabilities opened", true, () -> awaitCount(infra,
                    services.get("accountability-service"), "SELECT count(*) FROM accountability", count, timeout)));
            List<String> accountabilityIds = ids(infra, services.get("accountability-service"),
                    "SELECT id FROM accountability");
            phases.add(timed("2 accountability acknowledged by its owner (human)", false, () -> each(accountabilityIds,
                    id -> post(accountability + "/accountabilities/" + id + "/acknowledge", leader, Map.of(
                            "whatWillChange", "Reassessment due dates join the weekly supervision check",
                            "indicator", "Falls reassessments on time", "target", ">= 95%",
                            "byWhen", LocalDate.now().plusWeeks(6).toString()), 200))));
            phases.add(timed("accountability.assigned -> plans opened", true, () -> awaitCount(infra,
                    services.get("action-service"), "SELECT count(*) FROM plan", count, timeout)));
            List<String[]> actionIds = new ArrayList<>();
            phases.add(timed("3 action added, plan submitted and approved (human)", false, () -> {
                List<String[]> created = collect(incidentIds, id -> {
                    JsonNode plan = get(actions + "/plans?incidentId=" + id, leader).get("items").get(0);
                    String planId = plan.get("id").asText();
                    String action = post(actions + "/plans/" + planId + "/actions", leader, Map.of(
                            "controlFailureId", plan.get("commitments").get(0).get("controlFailureId").asText(),
                            "kind", "CHANGE_CONTROL", "actionType", "CHECKLIST_OR_COGNITIVE_AID",
                            "description", "Supervision sample raised from 5 to 10 records",
                            "baseline", 0.72, "dueOn", LocalDate.now().plusWeeks(26).toString()), 201)
                            .get("id").asText();
                    post(actions + "/plans/" + planId + "/submit", leader, null, 200);
                    post(actions + "/plans/" + planId + "/approve", senior, null, 200);
                    return new String[] {planId, action, id,
                            plan.get("commitments").get(0).get("controlFailureId").asText()};
                });
                actionIds.addAll(created);
            }));
            phases.add(timed("3 four weekly packs with a result per action, clock moved a week between (human)", false,
                    () -> {
                        for (int week = 1; week <= 4; week++) {
                            each(actionIds, ids -> post(actions + "/packs/current/results", leader,
                                    Map.of("actionId", ids[1], "done", true, "value", 0.96), 201));
                            if (week < 4) {
                                post(actions + "/clock/advance", senior, Map.of("by", "P7D"), 200);
                            }
                        }
                    }));
            phases.add(timed("actions.embedded -> verifications opened", true, () -> awaitCount(infra,
                    services.get("verification-service"), "SELECT count(*) FROM verification", count, timeout)));
            phases.add(timed("4 re-sample recorded and closure signed off (human)", false, () -> each(actionIds,
                    ids -> {
                        String verificationId = get(verification + "/verifications?incidentId=" + ids[2], verifier)
                                .get("items").get(0).get("id").asText();
                        String controlFailureId = ids[3];
                        String check = post(verification + "/verifications/" + verificationId + "/checks", verifier,
                                Map.of("controlFailureId", controlFailureId, "method", "RESAMPLE",
                                        "criterion", "Reassessment done by its due date", "passThreshold", 0.8,
                                        "sampleSize", 60, "periodStart", LocalDate.now().minusWeeks(4).toString(),
                                        "periodEnd", LocalDate.now().toString()), 201).get("id").asText();
                        post(verification + "/verifications/" + verificationId + "/checks/" + check + "/results",
                                verifier, Map.of("results", IntStream.rangeClosed(1, 60).mapToObj(i ->
                                        Map.of("reference", "case-" + i, "passed", i <= 58)).toList()), 201);
                        post(verification + "/verifications/" + verificationId + "/close", senior,
                                Map.of("rationale", "58 of 60 re-sampled cases on time"), 200);
                    })));
            phases.add(timed("incidents.closed -> incident-service marks them closed", true, () -> awaitCount(infra,
                    services.get("incident-service"), "SELECT count(*) FROM incident WHERE stage = 'CLOSED' AND "
                            + "site_reference LIKE 'E-" + run + "-%'", count, timeout)));
        } finally {
            for (ServiceRunner service : services.values()) {
                service.close();
            }
        }
        double total = phases.stream().mapToDouble(Phase::seconds).sum();
        double automated = phases.stream().filter(Phase::automated).mapToDouble(Phase::seconds).sum();
        Phase slowest = phases.stream().filter(Phase::automated)
                .max((a, b) -> Double.compare(a.seconds(), b.seconds())).orElseThrow();
        StringBuilder table = new StringBuilder("| Phase | Kind | Seconds for all %d |\n|---|---|---:|\n"
                .formatted(count));
        phases.forEach(p -> table.append("| %s | %s | %.1f |%n".formatted(p.phase(),
                p.automated() ? "automated" : "scripted human step", p.seconds())));
        table.append("""

                Throughput: **%.2f incidents/s** through all four stages (%d in %.1f s, human steps included).
                Report to closure excluding the human steps: **%.1f s** for the whole batch (%.1f ms per incident).
                Slowest automated stage: **%s** (%.1f s).
                """.formatted(count / total, count, total, automated, automated * 1000 / count, slowest.phase(),
                slowest.seconds()));
        System.out.println();
        System.out.print(table);
        json.set("runs", EventJson.mapper().valueToTree(phases));
        json.put("incidentsPerSecond", count / total);
        json.put("automatedSeconds", automated);
        json.put("slowestAutomatedStage", slowest.phase());
        BenchEnv.write(results, "end-to-end-" + count, json, "End to end, " + count + " incidents", table.toString());
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Phase timed(String name, boolean automated, Work work) throws Exception {
        long started = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%-90s %8.1f s%n", name, seconds);
        return new Phase(name, automated, seconds);
    }

    private interface Step<T, R> {
        R apply(T item) throws Exception;
    }

    private interface VoidStep<T> {
        void apply(T item) throws Exception;
    }

    private static <T> void each(List<T> items, VoidStep<T> step) throws Exception {
        collect(items, (Step<T, Object>) item -> {
            step.apply(item);
            return null;
        });
    }

    /** Runs the step for every item on a few workers, as several people would; the first failure stops the run. */
    private static <T, R> List<R> collect(List<T> items, Step<T, R> step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> step.apply(item)));
            }
            List<R> results = new ArrayList<>();
            int tenth = Math.max(1, items.size() / 10);
            for (Future<R> future : futures) {
                results.add(future.get());
                if (results.size() % tenth == 0 && results.size() < items.size()) {
                    System.out.printf("  %d of %d%n", results.size(), items.size());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void publish(LocalInfra.Endpoints infra, String run, int count) throws Exception {
        Properties props = KafkaClients.config(infra.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                Instant occurred = Instant.now().minusSeconds(7200);
                IncidentReported report = new IncidentReported("north", "E-" + run + "-" + i, 1L, occurred,
                        occurred.plusSeconds(600), IncidentCategory.FALLS, HarmLevel.MODERATE, "Ward 3",
                        "Resident found on the floor beside the bed.", "Checked for injury; GP informed.", List.of());
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.reportedBy("north"), report.key(),
                        EventJson.write(report));
                SiteFeed.headers(UUID.randomUUID().toString(), "north", report.key()).forEach((name, value) ->
                        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static Map<String, Object> review() {
        return Map.of("summary", "Night supervision did not check falls risk reassessments.",
                "timeline", "Found at 06:10; checked at 06:15; GP informed at 07:00",
                "contributoryFactors", List.of("TASK", "ORGANISATIONAL"),
                "answers", Map.of(
                        "timeline", "Found at 06:10; the control was last done three weeks before",
                        "controls-that-should-have-detected", "The weekly falls reassessment check",
                        "monitoring-responsibility", "The unit leader, through the supervision list",
                        "escalation-thresholds", "Misses escalate after 7 days; none was escalated"),
                "controlFailures", List.of(Map.of("controlId", "CTRL-FALLS-01", "failureMode", "MISSED_SUPERVISION",
                        "evidence", "Reassessment three weeks overdue", "owner", "leader.north")));
    }

    private static void awaitCount(LocalInfra.Endpoints infra, ServiceRunner service, String query, int count,
            Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = BenchEnv.connect(infra, service.database());
                Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    rows.next();
                    if (rows.getLong(1) >= count) {
                        return;
                    }
                }
                if (!service.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.name + " did not reach " + count + " for " + query
                            + " in time; see " + service.log());
                }
                Thread.sleep(100);
            }
        }
    }

    private static List<String> ids(LocalInfra.Endpoints infra, ServiceRunner service, String query) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = BenchEnv.connect(infra, service.database());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static JsonNode get(String url, Supplier<String> token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), token, 200, url);
    }

    private static JsonNode post(String url, Supplier<String> token, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper().writeValueAsBytes(body)))
                .header("Content-Type", "application/json");
        return send(request, token, expected, url);
    }

    private static JsonNode send(HttpRequest.Builder request, Supplier<String> token, int expected, String url)
            throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request.header("Authorization", "Bearer " + token.get())
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + " (expected " + expected
                    + "): " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body().length == 0 ? EventJson.mapper().createObjectNode() : EventJson.tree(response.body());
    }
}
