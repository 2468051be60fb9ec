package io.closeloop.local;

import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReported;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The local run behind {@code ./closeloop}: Kafka, PostgreSQL, Keycloak, the four services and the console on fixed
 * loopback ports, state and logs in {@code .closeloop/} at the repository root.
 */
public final class Cli {

    private static final String USAGE = """
            Usage: ./closeloop <command>
              up [--demo] [--detach] [--infra-only]
                         build what is missing, start everything, wait until healthy; Ctrl-C stops it all.
                         --demo publishes sample incidents, --detach returns once healthy,
                         --infra-only starts Kafka, PostgreSQL and Keycloak without the services.
              down       stop everything that up started
              status     health of each part; exits non-zero if any is down
              env        shell exports of the endpoints: eval "$(./closeloop env)"
              publish [N] publish N sample incident reports (default 3) as the sites would
              site add <code> "<name>"
                         declare a site in deploy/sites.yaml and regenerate every file that depends on the sites;
                         a running local platform gets its client, ACLs and topic at once
              generate   regenerate every file derived from deploy/sites.yaml and the local realm
            Ports: CLOSELOOP_KAFKA_PORT (19092), CLOSELOOP_POSTGRES_PORT (15432), CLOSELOOP_KEYCLOAK_PORT (18080),
              CLOSELOOP_KEYCLOAK_MANAGEMENT_PORT (19000), CLOSELOOP_INCIDENT_PORT (8081),
              CLOSELOOP_ACCOUNTABILITY_PORT (8082), CLOSELOOP_ACTION_PORT (8083), CLOSELOOP_VERIFICATION_PORT (8084),
              CLOSELOOP_CONSOLE_PORT (8080).
            """;

    private static final Duration INFRA_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration SERVICE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String SERVICES_STATE = "services.properties";

    private record Service(String name, String portVariable, int defaultPort, String urlVariable) {

        int port() {
            return Cli.port(portVariable, defaultPort);
        }

        String url() {
            return "http://127.0.0.1:" + port();
        }

        /** The stage's database; the console has none and ignores the datasource settings. */
        String database() {
            return name.replace("-service", "");
        }
    }

    private static final List<Service> SERVICES = List.of(
            new Service("incident-service", "CLOSELOOP_INCIDENT_PORT", 8081, "INCIDENT_SERVICE_URL"),
            new Service("accountability-service", "CLOSELOOP_ACCOUNTABILITY_PORT", 8082, "ACCOUNTABILITY_SERVICE_URL"),
            new Service("action-service", "CLOSELOOP_ACTION_PORT", 8083, "ACTION_SERVICE_URL"),
            new Service("verification-service", "CLOSELOOP_VERIFICATION_PORT", 8084, "VERIFICATION_SERVICE_URL"),
            new Service("console", "CLOSELOOP_CONSOLE_PORT", 8080, "CONSOLE_URL"));

    private final Path root;
    private final Path stateDir;
    private final Path servicesState;
    /** Pipes to the services' stdin guards: kept open (and reachable) for as long as this process runs. */
    private final List<Process> attached = new ArrayList<>();

    private Cli(Path root) {
        this.root = root;
        this.stateDir = root.resolve(".closeloop");
        this.servicesState = stateDir.resolve(SERVICES_STATE);
    }

    public static void main(String[] args) {
        Jvm.configureLogging("WARN");
        Path root = Path.of(System.getProperty("closeloop.root", "")).toAbsolutePath();
        System.exit(new Cli(root).run(List.of(args)));
    }

    private int run(List<String> args) {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.subList(Math.min(1, args.size()), args.size());
        try {
            return switch (command) {
                case "up" -> up(new LinkedHashSet<>(rest));
                case "down" -> down();
                case "status" -> status();
                case "env" -> env();
                case "publish" -> publish(rest.isEmpty() ? 3 : Integer.parseInt(rest.get(0)));
                case "site" -> site(rest);
                case "generate" -> generate();
                default -> {
                    System.err.print(USAGE);
                    yield command.equals("help") ? 0 : 2;
                }
            };
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private int site(List<String> args) {
        if (args.size() < 3 || !args.get(0).equals("add")) {
            throw new IllegalArgumentException("Usage: ./closeloop site add <code> \"<name>\"");
        }
        String code = args.get(1);
        List<String> written = SiteFiles.add(root, code, String.join(" ", args.subList(2, args.size())));
        System.out.println("Declared site " + code + ". Files written:");
        written.forEach(file -> System.out.println("  " + file));
        Optional<Properties> running = LocalInfra.runningState(stateDir);
        if (running.isPresent()) {
            LiveSites.apply(root, LocalInfra.endpoints(running.get())).forEach(done -> System.out.println("  " + done));
            System.out.println("The running platform knows site " + code + "; incident-service accepts its reports"
                    + " after a restart (./closeloop down, ./closeloop up).");
        }
        System.out.println("Commit these files. A live cluster needs more by hand: see \"Adding a site\" in"
                + " deploy/k8s/README.md.");
        return 0;
    }

    private int generate() {
        List<String> written = SiteFiles.sync(root);
        System.out.println(written.isEmpty() ? "Every generated file is current." : "Files written:");
        written.forEach(file -> System.out.println("  " + file));
        return 0;
    }

    private int up(Set<String> flags) {
        Set<String> unknown = new LinkedHashSet<>(flags);
        unknown.removeAll(Set.of("--demo", "--detach", "--infra-only"));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown option " + unknown + "\n" + USAGE);
        }
        boolean detach = flags.contains("--detach");
        List<Service> services = flags.contains("--infra-only") ? List.of() : SERVICES;
        if (LocalInfra.runningState(stateDir).isPresent() || !runningServices().isEmpty()) {
            throw new IllegalStateException("Closeloop is already running: ./closeloop status, ./closeloop down");
        }
        List<String> missing = services.stream().map(this::jar).filter(jar -> !Files.exists(jar))
                .map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built: " + String.join(", ", missing)
                    + "\nBuild with ./mvnw install -DskipTests, or start the infrastructure alone with --infra-only.");
        }

        long started = System.nanoTime();
        Thread stopOnExit = new Thread(this::stopEverything, "closeloop-down");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        long self = ProcessHandle.current().pid();
        // A detached run must outlive this process once ready, but not an interrupted start.
        List<String> options = List.of(
                detach ? "--start-owner-pid" : "--owner-pid", Long.toString(self),
                "--kafka-port", Integer.toString(port("CLOSELOOP_KAFKA_PORT", 19092)),
                "--postgres-port", Integer.toString(port("CLOSELOOP_POSTGRES_PORT", 15432)),
                "--keycloak-port", Integer.toString(port("CLOSELOOP_KEYCLOAK_PORT", 18080)),
                "--keycloak-management-port", Integer.toString(port("CLOSELOOP_KEYCLOAK_MANAGEMENT_PORT", 19000)));
        Properties infra = LocalInfra.locked(stateDir,
                () -> LocalInfra.start(stateDir, options, INFRA_TIMEOUT));
        LocalInfra.Endpoints endpoints = LocalInfra.endpoints(infra);

        createSiteTopics(endpoints);
        startServices(services, endpoints, detach);
        awaitHealthy(services);
        printSummary(endpoints, services, started);
        if (flags.contains("--demo")) {
            publish(endpoints, 6);
        }
        if (detach) {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            System.out.println("\nRunning in the background. Stop with ./closeloop down.");
            return 0;
        }
        System.out.println("\nPress Ctrl-C to stop everything.");
        return watch(infra, services);
    }

    /** Foreground run: reports services that die, and ends when the infrastructure does. */
    private int watch(Properties infra, List<Service> services) {
        Set<String> reported = new LinkedHashSet<>();
        while (StateFiles.process(infra, "supervisor").isPresent()) {
            Properties state = StateFiles.read(servicesState).orElseGet(Properties::new);
            for (Service service : services) {
                if (StateFiles.process(state, service.name()).isEmpty() && reported.add(service.name())) {
                    System.out.println(service.name() + " has stopped; see " + log(service));
                }
            }
            sleep(Duration.ofSeconds(1));
        }
        System.out.println("The infrastructure has stopped; see " + stateDir.resolve("infra.log"));
        return 1;
    }

    /**
     * The declared sites' topics, made before the services subscribe: a consumer that finds a topic only
     * after records were written to it starts past them.
     */
    private static void createSiteTopics(LocalInfra.Endpoints endpoints) {
        List<NewTopic> topics = KafkaSecurity.sites().stream()
                .map(site -> new NewTopic(Topics.reportedBy(site), Optional.empty(), Optional.empty()))
                .toList();
        try (Admin admin = Admin.create(tools(endpoints))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Creating the site topics failed: " + e, e);
        }
        System.out.println("site topics " + topics.stream().map(NewTopic::name).toList());
    }

    private void startServices(List<Service> services, LocalInfra.Endpoints endpoints, boolean detach) {
        Realm realm = Realm.local();
        Properties state = new Properties();
        try {
            Path guard = Child.guardScript(stateDir);
            for (Service service : services) {
                Map<String, String> environment = new HashMap<>();
                environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
                environment.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
                environment.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers());
                environment.put("QUARKUS_DATASOURCE_JDBC_URL", endpoints.jdbcUrl(service.database()));
                environment.put("QUARKUS_DATASOURCE_USERNAME", endpoints.postgresUser());
                environment.put("QUARKUS_DATASOURCE_PASSWORD", endpoints.postgresPassword());
                environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", endpoints.authServerUrl());
                environment.put("QUARKUS_OIDC_CLIENT_ID", service.name());
                environment.put("QUARKUS_OIDC_CREDENTIALS_SECRET", realm.clientSecret(service.name()));
                if (service.name().equals("incident-service")) {
                    // The declared sites, whatever the service's jar was built with.
                    environment.put("CLOSELOOP_INCIDENT_SITES", String.join(",", KafkaSecurity.sites()));
                }
                // Where the console finds each stage service; the stage services ignore these.
                SERVICES.stream().filter(stage -> !stage.name().equals("console")).forEach(stage -> environment.put(
                        "CLOSELOOP_CONSOLE_SERVICES_" + stage.database().toUpperCase(Locale.ROOT), stage.url()));

                List<String> command = new ArrayList<>(List.of("setsid"));
                if (!detach) {
                    // Dies with this process, even after SIGKILL: see stdin-guard.sh.
                    command.addAll(List.of("bash", guard.toString()));
                }
                Path jar = jar(service);
                if (AotCache.needsTraining(root, jar)) {
                    System.out.println(service.name() + ": training its AOT cache (first start since it was built)");
                    Map<String, String> training = new HashMap<>(System.getenv());
                    training.putAll(environment);
                    AotCache.train(root, jar, training, stateDir.resolve(service.name() + "-aot-training.log"));
                }
                command.add(Jvm.javaExecutable().toString());
                command.addAll(ServiceJvm.arguments(root, jar));
                command.addAll(List.of("-jar", jar.toString()));
                Files.createDirectories(log(service).getParent());
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(root.resolve(service.name()).toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log(service).toFile());
                if (detach) {
                    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                }
                builder.environment().putAll(environment);
                Process process = builder.start();
                attached.add(process);
                StateFiles.putProcess(state, service.name(), process.toHandle());
                state.setProperty(service.name() + ".url", service.url());
                StateFiles.write(servicesState, state);
                System.out.println(service.name() + " starting on " + service.url() + " (log: " + log(service) + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(List<Service> services) {
        Properties state = StateFiles.read(servicesState).orElseGet(Properties::new);
        long started = System.nanoTime();
        long deadline = started + SERVICE_TIMEOUT.toNanos();
        List<Service> waiting = new ArrayList<>(services);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (!waiting.isEmpty()) {
                for (Service service : List.copyOf(waiting)) {
                    if (Http.ok(http, URI.create(service.url() + "/q/health/ready"))) {
                        waiting.remove(service);
                        System.out.printf(Locale.ROOT, "%s ready on %s in %.1f s%n", service.name(), service.url(),
                                (System.nanoTime() - started) / 1e9);
                    } else if (StateFiles.process(state, service.name()).isEmpty()) {
                        throw new IllegalStateException(service.name() + " exited. End of " + log(service) + ":\n"
                                + StateFiles.tail(log(service), 40));
                    } else if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(service.name() + " was not ready within "
                                + SERVICE_TIMEOUT.toSeconds() + " s. End of " + log(service) + ":\n"
                                + StateFiles.tail(log(service), 40));
                    }
                }
                sleep(Duration.ofMillis(500));
            }
        }
    }

    private void printSummary(LocalInfra.Endpoints endpoints, List<Service> services, long started) {
        System.out.printf(Locale.ROOT, "%nCloseloop is up (%.1f s). "
                + "Local development defaults below; not for production.%n%n", (System.nanoTime() - started) / 1e9);
        System.out.printf("  %-24s %s  (admin console %s/admin: %s / %s)%n", "Keycloak", endpoints.keycloakUrl(),
                endpoints.keycloakUrl(), KeycloakNode.ADMIN_USERNAME, KeycloakNode.ADMIN_PASSWORD);
        System.out.printf("  %-24s %s%n", "OIDC issuer", endpoints.authServerUrl());
        System.out.printf("  %-24s %s%n", "Kafka", endpoints.kafkaBootstrapServers());
        System.out.printf("  %-24s %s  (%s / %s; databases %s)%n", "PostgreSQL", endpoints.jdbcUrl(""),
                endpoints.postgresUser(), endpoints.postgresPassword(), String.join(", ", PostgresNode.DATABASES));
        for (Service service : services) {
            System.out.printf("  %-24s %s%n", service.name(), service.url());
        }
        services.stream().filter(s -> s.name().equals("console")).findFirst().ifPresent(console ->
                System.out.println("\nOpen the console: " + console.url() + " (sign in as a demo user below)"));
        System.out.println("\nDemo users (console client, password grant or browser login):");
        for (Realm.DemoUser user : Realm.local().demoUsers()) {
            System.out.printf("  %-16s password %-10s %-14s sites %s%n", user.username(), user.password(),
                    String.join(",", user.roles()), String.join(",", user.sites()));
        }
        System.out.println("\nLogs: " + stateDir + ". ./closeloop publish N sends sample incidents; "
                + "eval \"$(./closeloop env)\" exports the endpoints.");
    }

    private int down() {
        if (LocalInfra.runningState(stateDir).isEmpty() && runningServices().isEmpty()) {
            System.out.println("Closeloop is not running.");
            return 0;
        }
        stopEverything();
        return 0;
    }

    /** Services first, so that they do not spend their last seconds reconnecting; then the infrastructure. */
    private void stopEverything() {
        System.out.println("Stopping Closeloop...");
        List<ProcessHandle> services = runningServices();
        services.forEach(ProcessHandle::destroy);
        services.forEach(Cli::awaitExit);
        StateFiles.delete(servicesState);
        Optional<ProcessHandle> supervisor = StateFiles.read(stateDir.resolve(StateFiles.INFRA_STATE))
                .flatMap(state -> StateFiles.process(state, "supervisor"));
        supervisor.ifPresent(ProcessHandle::destroy);
        supervisor.ifPresent(Cli::awaitExit);
        System.out.println("Stopped.");
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private List<ProcessHandle> runningServices() {
        Properties state = StateFiles.read(servicesState).orElseGet(Properties::new);
        return SERVICES.stream().flatMap(service -> StateFiles.process(state, service.name()).stream()).toList();
    }

    private int status() {
        Optional<Properties> infra = LocalInfra.runningState(stateDir);
        if (infra.isEmpty()) {
            System.out.println("Closeloop is not running.");
            return 1;
        }
        LocalInfra.Endpoints endpoints = LocalInfra.endpoints(infra.get());
        Properties services = StateFiles.read(servicesState).orElseGet(Properties::new);
        boolean allUp = true;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            allUp &= report("kafka", endpoints.kafkaBootstrapServers(), kafkaAnswers(endpoints));
            allUp &= report("postgres", endpoints.jdbcUrl(""), postgresAnswers(endpoints));
            allUp &= report("keycloak", endpoints.keycloakUrl(),
                    Http.ok(http, URI.create(endpoints.keycloakManagementUrl() + "/health/ready")));
            for (Service service : SERVICES) {
                String url = services.getProperty(service.name() + ".url");
                if (url != null) {
                    allUp &= report(service.name(), url, StateFiles.process(services, service.name()).isPresent()
                            && Http.ok(http, URI.create(url + "/q/health/ready")));
                } else {
                    System.out.printf("  %-24s %-5s%n", service.name(), "not started");
                }
            }
        }
        return allUp ? 0 : 1;
    }

    private static boolean report(String name, String where, boolean up) {
        System.out.printf("  %-24s %-5s %s%n", name, up ? "up" : "DOWN", where);
        return up;
    }

    private static boolean kafkaAnswers(LocalInfra.Endpoints endpoints) {
        Map<String, Object> config = tools(endpoints);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean postgresAnswers(LocalInfra.Endpoints endpoints) {
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl("postgres"),
                endpoints.postgresUser(), endpoints.postgresPassword())) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private int env() {
        Properties infra = LocalInfra.runningState(stateDir)
                .orElseThrow(() -> new IllegalStateException("Closeloop is not running: ./closeloop up"));
        LocalInfra.Endpoints endpoints = LocalInfra.endpoints(infra);
        Properties services = StateFiles.read(servicesState).orElseGet(Properties::new);
        System.out.println("export KAFKA_BOOTSTRAP_SERVERS=" + endpoints.kafkaBootstrapServers());
        System.out.println("export KEYCLOAK_URL=" + endpoints.keycloakUrl());
        System.out.println("export KEYCLOAK_REALM=" + endpoints.realm());
        for (Service service : SERVICES) {
            System.out.println("export " + service.urlVariable() + "="
                    + services.getProperty(service.name() + ".url", service.url()));
        }
        return 0;
    }

    private int publish(int count) {
        Properties infra = LocalInfra.runningState(stateDir)
                .orElseThrow(() -> new IllegalStateException("Closeloop is not running: ./closeloop up"));
        return publish(LocalInfra.endpoints(infra), count);
    }

    /** Each report goes out as its site's system sends it: authenticated as the site's own Kafka client. */
    private static int publish(LocalInfra.Endpoints endpoints, int count) {
        Instant now = Instant.now();
        Map<String, KafkaProducer<String, byte[]>> producers = new HashMap<>();
        try {
            for (IncidentReported report : SampleIncidents.reports(count, now, new Random())) {
                KafkaProducer<String, byte[]> producer = producers.computeIfAbsent(report.site(),
                        site -> siteProducer(endpoints, site));
                RecordMetadata sent = producer.send(SampleIncidents.record(report, now)).get(30, TimeUnit.SECONDS);
                System.out.printf("published %s (%s, %s) as %s to %s partition %d offset %d%n", report.key(),
                        report.category(), report.harmLevel(), KafkaSecurity.siteClient(report.site()), sent.topic(),
                        sent.partition(), sent.offset());
            }
            return 0;
        } catch (Exception e) {
            throw new IllegalStateException("Publishing to " + endpoints.kafkaBootstrapServers() + " failed: " + e, e);
        } finally {
            producers.values().forEach(KafkaProducer::close);
        }
    }

    private static KafkaProducer<String, byte[]> siteProducer(LocalInfra.Endpoints endpoints, String site) {
        KafkaSecurity.allowUrls(endpoints.authServerUrl());
        Map<String, Object> config = KafkaSecurity.client(endpoints.kafkaBootstrapServers(), endpoints.authServerUrl(),
                KafkaSecurity.siteClient(site));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** The operator's client of the local broker. */
    private static Map<String, Object> tools(LocalInfra.Endpoints endpoints) {
        KafkaSecurity.allowUrls(endpoints.authServerUrl());
        return KafkaSecurity.client(endpoints.kafkaBootstrapServers(), endpoints.authServerUrl(),
                KafkaSecurity.TOOLS_CLIENT);
    }

    private Path jar(Service service) {
        return root.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Path log(Service service) {
        return stateDir.resolve(service.name() + ".log");
    }

    private static int port(String variable, int defaultPort) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? defaultPort : Integer.parseInt(value.trim());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
