package io.closeloop.bench;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark 4 of issue 10: per service, the time from process start to ready (/q/health/ready answers 200), the RSS
 * once idle, and the peak RSS while sites publish reports at a steady rate (the load of benchmark 2). The services
 * start one after the other, each from its packaged jar with the services' JVM options as in e2e, on fresh databases.
 */
final class Footprint {

    private static final List<String> SERVICES = List.of("incident-service", "accountability-service",
            "action-service", "verification-service");

    private record Service(String service, boolean aotCache, double secondsToReady, double cpuSecondsToReady,
            double idleRssMiB, double loadRssMiB,
            boolean readyTargetMet, boolean idleRssTargetMet) {
    }

    private Footprint() {
    }

    static void run(Path root, Path results, double scale, int rate, Duration timeout) throws Exception {
        int idleSeconds = 15;
        int loadSeconds = Math.max(10, (int) Math.round(60 * scale));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("services", SERVICES);
        parameters.put("serviceJvmOptions", ServiceJvm.declared(root));
        parameters.put("idleSecondsBeforeMeasuring", idleSeconds);
        parameters.put("loadRatePerSecond", rate);
        parameters.put("loadSeconds", loadSeconds);
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("benchmark", "footprint");
        LocalInfra.Endpoints infra = BenchEnv.start("Footprint (issue 10, benchmark 4)", parameters, json);
        // No backlog: incident-service would ingest what earlier benchmarks left on the topic and be measured busy.
        BenchEnv.emptyTopic(infra.kafkaBootstrapServers(), Topics.reportedBy("north"));
        List<ServiceRunner> running = new ArrayList<>();
        Map<String, Double> ready = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        List<Service> measured = new ArrayList<>();
        try {
            for (String name : SERVICES) {
                ServiceRunner service = ServiceRunner.start(root, infra, name, List.of(), Map.of());
                running.add(service);
                ready.put(name, service.awaitReady(timeout));
                cpu.put(name, service.cpuSeconds());
                System.out.printf("%s ready in %.2f s (%.2f s of CPU)%n", name, ready.get(name), cpu.get(name));
            }
            Thread.sleep(idleSeconds * 1000L);
            Map<String, Double> idle = new LinkedHashMap<>();
            for (ServiceRunner service : running) {
                idle.put(service.name, service.rssMiB());
            }
            Map<String, Double> peak = load(infra, running, rate, loadSeconds);
            for (ServiceRunner service : running) {
                double readySeconds = ready.get(service.name);
                measured.add(new Service(service.name, service.aotCache, readySeconds, cpu.get(service.name),
                        idle.get(service.name), peak.get(service.name), readySeconds <= 3.0, idle.get(service.name) <= 200.0));
            }
        } finally {
            for (ServiceRunner service : running) {
                service.close();
            }
        }
        StringBuilder table = new StringBuilder("""
                | Service | AOT cache | Start to ready s | CPU s to ready | Idle RSS MiB | Peak RSS under load MiB | Ready <= 3 s | Idle RSS <= 200 MB |
                |---|---|---:|---:|---:|---:|---|---|
                """);
        for (Service s : measured) {
            table.append("| %s | %s | %.2f | %.2f | %.0f | %.0f | %s | %s |%n".formatted(s.service(),
                    s.aotCache() ? "yes" : "no", s.secondsToReady(),
                    s.cpuSecondsToReady(), s.idleRssMiB(), s.loadRssMiB(), s.readyTargetMet() ? "met" : "**not met**",
                    s.idleRssTargetMet() ? "met" : "**not met**"));
        }
        table.append("\nThe load: a site publishes %d reports/s for %d s; incident-service ingests them, the other stages"
                .formatted(rate, loadSeconds)
                + " only move on human steps, so their figure under load is close to idle.\n");
        System.out.println();
        System.out.print(table);
        json.set("runs", EventJson.mapper().valueToTree(measured));
        BenchEnv.write(results, "footprint", json, "Footprint of the four services", table.toString());
    }

    /** Publishes reports at {@code rate} for {@code seconds}, sampling every service's RSS each second. */
    private static Map<String, Double> load(LocalInfra.Endpoints infra, List<ServiceRunner> services, int rate,
            int seconds) throws Exception {
        Properties props = KafkaClients.config(infra.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Map<String, Double> peak = new LinkedHashMap<>();
        services.forEach(s -> peak.put(s.name, 0.0));
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (int second = 0; second < seconds; second++) {
                long due = System.nanoTime() + 1_000_000_000L;
                for (int i = 0; i < rate; i++) {
                    Instant at = Instant.now();
                    IncidentReported report = new IncidentReported("north", "F-" + run + "-" + second + "-" + i, 1L,
                            at.minus(5, ChronoUnit.MINUTES), at, IncidentCategory.values()[i % 8], HarmLevel.LOW,
                            "Ward 1", "Report published while measuring footprint.", null, List.of());
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.reportedBy("north"),
                            report.key(), EventJson.write(report));
                    SiteFeed.headers(UUID.randomUUID().toString(), "north", report.key()).forEach((name, value) ->
                            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                    producer.send(record);
                }
                for (ServiceRunner service : services) {
                    peak.merge(service.name, service.rssMiB(), Math::max);
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
        }
        return peak;
    }
}
