package io.closeloop.e2e;

import io.closeloop.local.LocalInfra;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole platform for this test JVM: shared infrastructure, fresh databases, four service processes. */
final class Platform {

    static final List<String> SERVICES = List.of("incident-service", "accountability-service", "action-service",
            "verification-service");

    /**
     * What the end-to-end run sets beyond the dev overlay's variables ({@link DeploymentEnvironment}): the stages
     * whose rules wait for time to pass (due dates, weekly packs) get a clock the scenarios move forward, and
     * escalation runs every second.
     */
    private static final Map<String, Map<String, String>> SETTINGS = Map.of(
            "accountability-service", Map.of("CLOSELOOP_CLOCK_CONTROLLABLE", "true",
                    "CLOSELOOP_ACCOUNTABILITY_ESCALATION_EVERY", "1s"),
            "action-service", Map.of("CLOSELOOP_CLOCK_CONTROLLABLE", "true"));

    private static Platform started;

    private ServiceProcess console;

    final LocalInfra.Endpoints infra;
    private final Map<String, ServiceProcess> services;
    /** Second instances started by the fault tests, stopped with the rest. */
    private final List<ServiceProcess> replicas = new ArrayList<>();

    private Platform(LocalInfra.Endpoints infra, Map<String, ServiceProcess> services) {
        this.infra = infra;
        this.services = services;
    }

    static synchronized Platform get() throws Exception {
        if (started == null) {
            started = start();
            // In parallel: each graceful stop takes seconds, and Surefire kills a fork that takes 30 s to exit.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.all().stream()
                    .map(process -> Thread.ofVirtual().start(process::stop)).toList()
                    .forEach(stopping -> {
                        try {
                            stopping.join();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    })));
        }
        return started;
    }

    synchronized String url(String service) {
        return services.get(service).url();
    }

    /** The web console, started on first use: it calls the four services with the signed-in user's token. */
    synchronized String console() throws Exception {
        if (console == null) {
            console = ServiceProcess.start(root(), "console", Map.of(
                    "QUARKUS_OIDC_AUTH_SERVER_URL", infra.authServerUrl(),
                    "CLOSELOOP_CONSOLE_SERVICES_INCIDENT", url("incident-service"),
                    "CLOSELOOP_CONSOLE_SERVICES_ACCOUNTABILITY", url("accountability-service"),
                    "CLOSELOOP_CONSOLE_SERVICES_ACTION", url("action-service"),
                    "CLOSELOOP_CONSOLE_SERVICES_VERIFICATION", url("verification-service")));
            console.awaitReady(Duration.ofSeconds(120));
        }
        return console.url();
    }

    /** The database of a service in this run, for the fault tests' checks of what was stored. */
    String jdbcUrl(String service) {
        return infra.jdbcUrl(database(service));
    }

    /** Every log of the service's instances, replicas included; a restarted instance appends to its own. */
    List<Path> logs(String service) throws java.io.IOException {
        Path services = root().resolve("e2e/target/services");
        try (var files = java.nio.file.Files.list(services)) {
            return files.filter(file -> file.getFileName().toString().startsWith(service)).sorted().toList();
        }
    }

    /** The lines the service's own instance logged from its last SIGTERM or SIGKILL on. */
    List<String> lastStop(String service) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(root().resolve("e2e/target/services")
                .resolve(service + ".log"), java.nio.charset.StandardCharsets.ISO_8859_1);
        int stop = lines.size();
        while (stop > 0 && !(lines.get(stop - 1).startsWith("=== e2e ") && lines.get(stop - 1).contains(": SIG"))) {
            stop--;
        }
        return lines.subList(stop, lines.size());
    }

    private static Path root() {
        return Path.of(System.getProperty("closeloop.checkout", "..")).toAbsolutePath().normalize();
    }

    /** SIGKILL to the service's process, then the same instance again on its port; returns once it is ready. */
    void killAndRestart(String service) throws Exception {
        ServiceProcess killed;
        synchronized (this) {
            killed = services.get(service);
        }
        killed.kill();
        ServiceProcess restarted = killed.restarted();
        synchronized (this) {
            services.put(service, restarted);
        }
        restarted.awaitReady(Duration.ofSeconds(180));
    }

    /** SIGTERM to the service's process; true if it finished its work and exited within {@code grace}. */
    boolean terminate(String service, Duration grace) {
        ServiceProcess stopping;
        synchronized (this) {
            stopping = services.get(service);
        }
        return stopping.terminate(grace);
    }

    /** Starts the service again after {@link #terminate}, on its port. */
    void restart(String service) throws Exception {
        ServiceProcess restarted;
        synchronized (this) {
            restarted = services.get(service).restarted();
            services.put(service, restarted);
        }
        restarted.awaitReady(Duration.ofSeconds(180));
    }

    /** A second instance of the service in the same consumer group, on the same database; ready when returned. */
    ServiceProcess replica(String service) throws Exception {
        return replica(service, Map.of());
    }

    /** A further instance of the service on the same database, configured with {@code overrides}. */
    ServiceProcess replica(String service, Map<String, String> overrides) throws Exception {
        ServiceProcess replica;
        synchronized (this) {
            replica = services.get(service).replica(service + "-replica-" + (replicas.size() + 1), overrides);
            replicas.add(replica);
        }
        replica.awaitReady(Duration.ofSeconds(180));
        return replica;
    }

    private synchronized List<ServiceProcess> all() {
        List<ServiceProcess> all = new ArrayList<>(services.values());
        all.addAll(replicas);
        if (console != null) {
            all.add(console);
        }
        return all;
    }

    private static String database(String service) {
        return "e2e_" + service.substring(0, service.indexOf('-'));
    }

    String kafka() {
        return infra.kafkaBootstrapServers();
    }

    String keycloak() {
        return infra.keycloakUrl();
    }

    private static Platform start() throws Exception {
        Path root = root();
        LocalInfra.Endpoints infra = LocalInfra.ensureRunning();
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        List<ServiceProcess> starting = new ArrayList<>();
        for (String service : SERVICES) {
            String database = database(service);
            LocalInfra.recreateDatabase(database);
            Map<String, String> environment = new HashMap<>(DeploymentEnvironment.of(service, infra, database));
            environment.putAll(SETTINGS.getOrDefault(service, Map.of()));
            ServiceProcess process = ServiceProcess.start(root, service, environment);
            services.put(service, process);
            starting.add(process);
        }
        for (ServiceProcess process : starting) {
            process.awaitReady(Duration.ofSeconds(180));
        }
        System.out.println("e2e platform ready: " + services.keySet());
        return new Platform(infra, services);
    }
}
