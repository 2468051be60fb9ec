package io.closeloop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Supervisor of the local infrastructure: starts PostgreSQL and Keycloak as child processes in parallel,
 * and Kafka once Keycloak is ready (the broker requires its tokens), then creates the broker's ACLs;
 * writes {@code <state-dir>/infra.properties} once all are ready, and stops them all on SIGTERM or
 * Ctrl-C, when its owner process ends, or when any of them dies.
 *
 * <pre>
 * Infra --state-dir DIR [--owner-pid PID | --start-owner-pid PID] [--kafka-port P] [--postgres-port P]
 *       [--keycloak-port P] [--keycloak-management-port P]
 * </pre>
 * The owner's end stops everything; a start owner's end does so only until everything is ready (a
 * detached local run). A port left out or 0 is a free loopback port.
 */
public final class Infra {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POSTGRES_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration KEYCLOAK_TIMEOUT = Duration.ofSeconds(210);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** One thread per task: the three starts must run side by side whatever the number of cores. */
    private static final ExecutorService TASKS = Executors.newVirtualThreadPerTaskExecutor();

    private final Path stateDir;
    private final Path stateFile;
    private final List<Child> children = new ArrayList<>();
    private final long startedAt = System.nanoTime();
    private volatile boolean stopping;
    private volatile boolean ready;
    private Admin kafkaAdmin;
    private ControlServer control;
    /** How to start Kafka and PostgreSQL again on their data and ports, for tests that stop and restart them. */
    private final Map<String, Start> restarts = new HashMap<>();

    private Infra(Path stateDir) {
        this.stateDir = stateDir;
        this.stateFile = stateDir.resolve(StateFiles.INFRA_STATE);
    }

    public static void main(String[] args) throws Exception {
        Jvm.configureLogging("WARN");
        Path stateDir;
        Optional<ProcessHandle> owner;
        Optional<ProcessHandle> startOwner;
        Ports ports;
        try {
            Map<String, String> options = options(args);
            stateDir = Path.of(required(options, "state-dir")).toAbsolutePath();
            owner = process(options, "owner-pid");
            startOwner = process(options, "start-owner-pid");
            ports = new Ports(
                    port(options, "kafka-port"), freePort(),
                    port(options, "postgres-port"),
                    port(options, "keycloak-port"), port(options, "keycloak-management-port"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.out.println(e.getMessage());
            System.exit(2);
            return;
        }
        new Infra(stateDir).run(ports, owner, startOwner);
    }

    private record Ports(int kafka, int kafkaController, int postgres, int keycloak, int keycloakManagement) {
    }

    private void run(Ports ports, Optional<ProcessHandle> owner, Optional<ProcessHandle> startOwner)
            throws Exception {
        Files.createDirectories(stateDir);
        StateFiles.delete(stateFile);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "infra-shutdown"));
        // Not a daemon: it keeps the supervisor alive until something makes it exit.
        Thread.ofPlatform().name("infra-watch").start(() -> watch(owner, startOwner));

        String bootstrap = "127.0.0.1:" + ports.kafka();
        String jdbcBaseUrl = "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/";
        String keycloakUrl = KeycloakNode.url(ports.keycloak());
        String managementUrl = KeycloakNode.url(ports.keycloakManagement());
        Map<String, ProcessHandle> pids = new HashMap<>();

        CompletableFuture<Void> postgres = CompletableFuture.runAsync(() -> startChild("postgres", () -> {
            Child child = register(PostgresNode.start(stateDir, ports.postgres()));
            PostgresNode.awaitReady(child, jdbcBaseUrl, POSTGRES_TIMEOUT);
            return ready(child, "127.0.0.1:" + ports.postgres(), pids);
        }), TASKS);
        CompletableFuture<Void> keycloak = CompletableFuture.runAsync(() -> startChild("keycloak", () -> {
            Path home = KeycloakNode.install();
            Child child = register(KeycloakNode.start(home, stateDir, ports.keycloak(), ports.keycloakManagement()));
            KeycloakNode.awaitReady(child, keycloakUrl, managementUrl, KEYCLOAK_TIMEOUT);
            return ready(child, keycloakUrl, pids);
        }), TASKS);
        // The broker validates tokens with the realm's keys, which it fetches at start.
        String realmUrl = keycloakUrl + "/realms/" + KeycloakNode.REALM;
        KafkaSecurity.allowUrls(realmUrl);
        CompletableFuture<Void> kafka = keycloak.thenRunAsync(() -> startChild("kafka", () -> {
            Child child = register(KafkaNode.start(stateDir, ports.kafka(), ports.kafkaController(), realmUrl));
            kafkaAdmin = KafkaNode.awaitReady(child, bootstrap, realmUrl, KAFKA_TIMEOUT);
            kafkaAdmin.createAcls(KafkaSecurity.acls()).all().get(30, TimeUnit.SECONDS);
            return ready(child, bootstrap + " (SASL/OAUTHBEARER, ACLs of " + KafkaSecurity.sites().size()
                    + " sites and their services)", pids);
        }), TASKS);
        CompletableFuture.allOf(kafka, postgres, keycloak).join();
        restarts.put("kafka", () -> {
            Child child = register(KafkaNode.start(stateDir, ports.kafka(), ports.kafkaController(), realmUrl, true));
            KafkaNode.awaitReady(child, bootstrap, realmUrl, KAFKA_TIMEOUT).close();
            return child.name() + " ready again on " + bootstrap;
        });
        restarts.put("postgres", () -> {
            Child child = register(PostgresNode.start(stateDir, ports.postgres(), true));
            PostgresNode.awaitReachable(child, jdbcBaseUrl, POSTGRES_TIMEOUT);
            return child.name() + " ready again on 127.0.0.1:" + ports.postgres();
        });
        control = ControlServer.start(jdbcBaseUrl, kafkaAdmin, this::stopChild, this::startChild);

        Properties state = new Properties();
        StateFiles.putProcess(state, "supervisor", ProcessHandle.current());
        owner.ifPresent(handle -> StateFiles.putProcess(state, "owner", handle));
        pids.forEach((name, handle) -> StateFiles.putProcess(state, name, handle));
        state.setProperty("control.url", control.url());
        state.setProperty("kafka.bootstrap.servers", bootstrap);
        state.setProperty("postgres.host", "127.0.0.1");
        state.setProperty("postgres.port", Integer.toString(ports.postgres()));
        state.setProperty("postgres.user", PostgresNode.USER);
        state.setProperty("postgres.password", PostgresNode.PASSWORD);
        state.setProperty("postgres.jdbc.url", jdbcBaseUrl);
        state.setProperty("postgres.databases", String.join(",", PostgresNode.DATABASES));
        state.setProperty("keycloak.url", keycloakUrl);
        state.setProperty("keycloak.realm", KeycloakNode.REALM);
        state.setProperty("keycloak.management.url", managementUrl);
        state.setProperty("keycloak.admin.username", KeycloakNode.ADMIN_USERNAME);
        state.setProperty("keycloak.admin.password", KeycloakNode.ADMIN_PASSWORD);
        StateFiles.write(stateFile, state);
        ready = true;
        System.out.println("infrastructure ready in " + seconds(startedAt) + " s; state in " + stateFile);
    }

    private interface Start {
        String run() throws Exception;
    }

    /** Runs one child's start; if it fails, reports why with the end of its log and stops everything. */
    private void startChild(String name, Start start) {
        try {
            System.out.println(start.run());
        } catch (Exception e) {
            System.out.println(name + " failed: " + e.getMessage());
            Path log = stateDir.resolve(name + ".log");
            if (Files.exists(log)) {
                System.out.println("--- end of " + log + " ---\n" + StateFiles.tail(log, 30));
            }
            // The shutdown hook stops whatever else has started.
            System.exit(1);
        }
    }

    private String ready(Child child, String where, Map<String, ProcessHandle> pids) {
        synchronized (pids) {
            pids.put(child.name(), child.handle());
        }
        return child.name() + " ready on " + where + " in " + seconds(startedAt) + " s";
    }

    /** Stops one child (kafka or postgres) for good until {@link #startChild} brings it back. */
    private String stopChild(String name) {
        if (!restarts.containsKey(name)) {
            throw new IllegalArgumentException("Only " + restarts.keySet() + " can be stopped and started");
        }
        Child child;
        synchronized (this) {
            child = children.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " is not running"));
            // Out of the list first: the watch stops everything when a listed child dies.
            children.remove(child);
        }
        child.stop(STOP_GRACE);
        return name + " stopped";
    }

    private String startChild(String name) throws Exception {
        Start restart = restarts.get(name);
        if (restart == null) {
            throw new IllegalArgumentException("Only " + restarts.keySet() + " can be stopped and started");
        }
        synchronized (this) {
            if (children.stream().anyMatch(c -> c.name().equals(name))) {
                throw new IllegalArgumentException(name + " is already running");
            }
        }
        return restart.run();
    }

    private synchronized List<Child> running() {
        return List.copyOf(children);
    }

    private synchronized Child register(Child child) {
        if (stopping) {
            child.stop(STOP_GRACE);
            throw new IllegalStateException("stopping");
        }
        children.add(child);
        return child;
    }

    /** Stops everything when an owner ends or, once all is ready, when any child dies. Checks once a second. */
    private void watch(Optional<ProcessHandle> owner, Optional<ProcessHandle> startOwner) {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            Optional<ProcessHandle> gone = owner.filter(handle -> !handle.isAlive())
                    .or(() -> startOwner.filter(handle -> !ready && !handle.isAlive()));
            if (gone.isPresent()) {
                System.out.println("owner process " + gone.get().pid() + " has ended");
                System.exit(0);
            }
            if (ready && !stopping) {
                for (Child child : running()) {
                    if (!child.isAlive()) {
                        System.out.println(child.name() + " exited with " + child.exitValue() + "; see " + child.log());
                        System.exit(1);
                    }
                }
            }
        }
    }

    private void stop() {
        List<Child> running;
        synchronized (this) {
            stopping = true;
            running = List.copyOf(children);
        }
        StateFiles.delete(stateFile);
        if (control != null) {
            control.stop();
        }
        if (kafkaAdmin != null) {
            kafkaAdmin.close(Duration.ofSeconds(2));
        }
        long since = System.nanoTime();
        System.out.println("stopping " + running.stream().map(Child::name).toList());
        CompletableFuture.allOf(running.stream()
                .map(child -> CompletableFuture.runAsync(() -> {
                    child.stop(STOP_GRACE);
                    System.out.println(child.name() + " stopped in " + seconds(since) + " s");
                }, TASKS))
                .toArray(CompletableFuture[]::new)).join();
    }

    private static String seconds(long since) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got " + List.of(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static Optional<ProcessHandle> process(Map<String, String> options, String name) {
        return Optional.ofNullable(options.get(name))
                .map(pid -> ProcessHandle.of(Long.parseLong(pid))
                        .orElseThrow(() -> new IllegalStateException(
                                "Process " + pid + " (--" + name + ") is not running")));
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing --" + name);
        }
        return value;
    }

    /** The port asked for if it is free, or a free one when none was asked for. */
    private static int port(Map<String, String> options, String name) {
        int port = Integer.parseInt(options.getOrDefault(name, "0"));
        if (port == 0) {
            return freePort();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " (--" + name + ") is in use");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
