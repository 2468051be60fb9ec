package io.closeloop.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka (KRaft, broker and controller in one process) in a JVM of its own: a broker of
 * the version the Quarkus BOM pins cannot share a JVM with a Quarkus test. Its log is formatted fresh
 * at every start, except a restart that keeps the data (system property {@value #KEEP_DATA}). It stops
 * when its stdin closes.
 *
 * <p>Both listeners require Keycloak tokens ({@link KafkaSecurity}), so Keycloak must be up first: the broker
 * exits at start when it cannot fetch the realm's keys.
 */
public final class KafkaNode {

    /** Set on a restart: the broker comes back with the topics, records and offsets it had. */
    static final String KEEP_DATA = "closeloop.kafka.keep-data";

    private KafkaNode() {
    }

    /** Arguments: broker port, controller port, home directory (emptied first), the realm's URL (token issuer). */
    public static void main(String[] args) throws Exception {
        Jvm.configureLogging("INFO");
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        Path home = Path.of(args[2]);
        String realmUrl = args[3];
        KafkaSecurity.allowUrls(realmUrl);
        try (FileLock lock = StateFiles.lockFor(home)) {
            Path logDir = home.resolve("data");
            Properties config = config(port, controllerPort, logDir, realmUrl);
            if (!Boolean.getBoolean(KEEP_DATA) || !Files.exists(logDir.resolve("meta.properties"))) {
                StateFiles.deleteTree(home);
                Files.createDirectories(logDir);
                Path configFile = home.resolve("server.properties");
                try (Writer out = Files.newBufferedWriter(configFile)) {
                    config.store(out, "Single-node KRaft for local development and tests");
                }
                int formatted = StorageTool.execute(
                        new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()},
                        System.out);
                if (formatted != 0) {
                    throw new IllegalStateException("Formatting " + logDir + " failed with " + formatted);
                }
            }

            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.shutdown();
                server.awaitShutdown();
            }, "kafka-shutdown"));
            server.startup();
            System.in.transferTo(OutputStream.nullOutputStream());
            System.exit(0);
        }
    }

    private static Properties config(int port, int controllerPort, Path logDir, String realmUrl) {
        Properties config = new Properties();
        config.putAll(KafkaSecurity.broker(realmUrl, List.of("CLIENTS", "CONTROLLER")));
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "CLIENTS://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "CLIENTS://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "CLIENTS"),
                Map.entry("listener.security.protocol.map", "CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        return config;
    }

    /** Supervisor side: starts the node in its own JVM. */
    static Child start(Path stateDir, int port, int controllerPort, String realmUrl) throws IOException {
        return start(stateDir, port, controllerPort, realmUrl, false);
    }

    /** Supervisor side: starts the node in its own JVM, on the data of its last run if {@code keepData}. */
    static Child start(Path stateDir, int port, int controllerPort, String realmUrl, boolean keepData)
            throws IOException {
        List<String> command = Jvm.command(KafkaNode.class,
                List.of("-Xms64m", "-Xmx512m", "-D" + KEEP_DATA + "=" + keepData),
                List.of(Integer.toString(port), Integer.toString(controllerPort),
                        stateDir.resolve("kafka").toString(), realmUrl));
        return Child.start("kafka", command, Map.of(), stateDir.resolve("kafka.log"));
    }

    /** Supervisor side: waits until the broker answers an admin request of its own principal. */
    static Admin awaitReady(Child kafka, String bootstrapServers, String realmUrl, Duration timeout)
            throws InterruptedException {
        Map<String, Object> config = KafkaSecurity.client(bootstrapServers, realmUrl, KafkaSecurity.BROKER_CLIENT);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        Admin admin = Admin.create(config);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && kafka.isAlive()) {
            try {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return admin;
                }
            } catch (ExecutionException | TimeoutException e) {
                Thread.sleep(200);
            }
        }
        admin.close();
        throw new IllegalStateException(kafka.isAlive()
                ? "Kafka did not answer within " + timeout.toSeconds() + " s"
                : "Kafka exited with " + kafka.exitValue());
    }
}
