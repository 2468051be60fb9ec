package io.closeloop.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closeloop.contracts.EventJson;
import io.closeloop.local.LocalInfra;
import io.closeloop.testing.KafkaClients;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.AppInfoParser;

/** What every benchmark shares: the machine and versions it prints, connections, and where results go. */
final class BenchEnv {

    static final String QUARKUS_VERSION = "3.33.2";

    private BenchEnv() {
    }

    /** Starts the local infrastructure, stopped with this JVM, and prints machine, versions and durability. */
    static LocalInfra.Endpoints start(String title, Map<String, Object> parameters, ObjectNode header)
            throws SQLException {
        if (System.getProperty(LocalInfra.OWNER_PID_PROPERTY) == null) {
            // The infrastructure stops with this JVM instead of outliving the run.
            System.setProperty(LocalInfra.OWNER_PID_PROPERTY, Long.toString(ProcessHandle.current().pid()));
        }
        Map<String, Object> machine = machine();
        System.out.println("== " + title);
        System.out.println("machine:    " + machine);
        System.out.println("parameters: " + parameters);
        LocalInfra.Endpoints infra = LocalInfra.ensureRunning();
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("kafkaClient", AppInfoParser.getVersion());
        versions.put("quarkus", QUARKUS_VERSION);
        versions.put("postgresql", setting(infra, "server_version"));
        Map<String, Object> durability = new LinkedHashMap<>();
        durability.put("fsync", setting(infra, "fsync"));
        durability.put("synchronous_commit", setting(infra, "synchronous_commit"));
        System.out.println("versions:   " + versions);
        System.out.println("postgresql durability (services and baselines alike): " + durability);
        header.set("machine", EventJson.mapper().valueToTree(machine));
        header.set("versions", EventJson.mapper().valueToTree(versions));
        header.set("postgresqlDurability", EventJson.mapper().valueToTree(durability));
        header.set("parameters", EventJson.mapper().valueToTree(parameters));
        return infra;
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        machine.put("memoryMiB", memory / (1024 * 1024));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return machine;
    }

    static String setting(LocalInfra.Endpoints infra, String name) throws SQLException {
        try (Connection connection = connect(infra, "postgres");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    static Connection connect(LocalInfra.Endpoints infra, String database) throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), infra.postgresUser(), infra.postgresPassword());
    }

    /** {@code topic} deleted and created again, empty: records of earlier runs would be read otherwise. */
    static void emptyTopic(String bootstrap, String topic) throws Exception {
        LocalInfra.deleteTopics(topic);
        try (Admin admin = Admin.create(KafkaClients.config(bootstrap))) {
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
                    break;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException) || Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    Thread.sleep(500);
                }
            }
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            System.out.println("topic " + topic + " recreated empty with " + partitions + " partitions");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Writes {@code <results>/<name>-<time>.json} and {@code .md}; the Markdown opens with the run's header. */
    static void write(Path results, String name, ObjectNode json, String title, String table) throws IOException {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        json.put("at", at.toString());
        Files.createDirectories(results);
        String file = name + "-" + at.toString().replace(":", "");
        Path jsonFile = results.resolve(file + ".json");
        Files.writeString(jsonFile, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        String markdown = "# " + title + " (" + at + ")\n\nMachine: " + json.get("machine") + ". Versions: "
                + json.get("versions") + ". PostgreSQL durability: " + json.get("postgresqlDurability")
                + " (services and baselines alike). Parameters: " + json.get("parameters") + ".\n\n" + table;
        Path markdownFile = results.resolve(file + ".md");
        Files.writeString(markdownFile, markdown);
        System.out.println("results: " + jsonFile + " and " + markdownFile);
    }

    /** The value at quantile q (0..1) of the sorted samples, nearest rank. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    static double[] sorted(double[] samples) {
        double[] copy = samples.clone();
        Arrays.sort(copy);
        return copy;
    }
}
