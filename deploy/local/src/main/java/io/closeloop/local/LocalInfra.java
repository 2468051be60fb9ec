package io.closeloop.local;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Real Kafka, PostgreSQL and Keycloak for tests, started once and shared by every test JVM of a build.
 *
 * <p>State lives in {@code <closeloop.root>/target/local-infra} ({@code closeloop.root} is a system
 * property that the build passes to tests; the working directory otherwise). The first caller starts
 * the {@link Infra} supervisor as a detached process owned by the process that launched this JVM (in
 * Surefire and Failsafe, the Maven JVM), so later test JVMs reuse it and it stops when the build
 * ends, even when the build is killed. The system property or environment variable
 * {@value #OWNER_PID_PROPERTY} names another owner.
 *
 * <p>This class and {@link Endpoints} use the JDK only: test classpaths of the services keep none of
 * this module's dependencies.
 */
public final class LocalInfra {

    public static final String OWNER_PID_PROPERTY = "closeloop.infra.owner-pid";
    /** Kafka 4 fetches OAUTHBEARER tokens and keys only from the URLs this JVM property lists. */
    public static final String KAFKA_ALLOWED_URLS_PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";
    /** Where test and benchmark Kafka clients (test-support's KafkaClients) get their tokens. */
    public static final String KAFKA_TOKEN_URL_PROPERTY = "closeloop.kafka.token-url";

    /** Keycloak's first start in a fresh cache builds it, which takes about a minute here. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    /** Named, not referenced: loading the class would load Kafka classes into the caller's JVM. */
    private static final String SUPERVISOR_CLASS = "io.closeloop.local.Infra";

    private static Properties running;

    private LocalInfra() {
    }

    /** Where everything is. The JDBC driver, Kafka client and OIDC client are the caller's own. */
    public record Endpoints(
            String kafkaBootstrapServers,
            String postgresHost,
            int postgresPort,
            String postgresUser,
            String postgresPassword,
            String keycloakUrl,
            String keycloakManagementUrl,
            String realm) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
        }

        /** The OIDC server URL, which is also the issuer of the realm's tokens. */
        public String authServerUrl() {
            return keycloakUrl + "/realms/" + realm;
        }

        public String tokenUrl() {
            return authServerUrl() + "/protocol/openid-connect/token";
        }
    }

    /**
     * Starts the local infrastructure unless it already runs, and says where it is. It also lets this JVM's Kafka
     * clients authenticate to the broker: it allows the realm's token URL (Kafka's JVM property) and names it
     * in {@value #KAFKA_TOKEN_URL_PROPERTY}.
     */
    public static synchronized Endpoints ensureRunning() {
        if (running == null || StateFiles.process(running, "supervisor").isEmpty()) {
            Path stateDir = defaultStateDir();
            List<String> options = List.of("--owner-pid", Long.toString(ownerPid()));
            running = locked(stateDir, () -> runningState(stateDir)
                    .orElseGet(() -> start(stateDir, options, START_TIMEOUT)));
        }
        Endpoints endpoints = endpoints(running);
        allowKafkaUrls(List.of(endpoints.tokenUrl()));
        System.setProperty(KAFKA_TOKEN_URL_PROPERTY, endpoints.tokenUrl());
        return endpoints;
    }

    /** Adds URLs to this JVM's Kafka OAUTHBEARER allow-list, keeping those already there. */
    static synchronized void allowKafkaUrls(List<String> urls) {
        List<String> allowed = new ArrayList<>();
        String current = System.getProperty(KAFKA_ALLOWED_URLS_PROPERTY, "");
        for (String url : current.split(",")) {
            if (!url.isBlank()) {
                allowed.add(url.trim());
            }
        }
        urls.stream().filter(url -> !allowed.contains(url)).forEach(allowed::add);
        System.setProperty(KAFKA_ALLOWED_URLS_PROPERTY, String.join(",", allowed));
    }

    /** Drops the database if it exists, closing its connections, and creates it empty. */
    public static void recreateDatabase(String name) {
        ensureRunning();
        control("/postgres/recreate?database=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    /** Deletes every topic whose name starts with {@code prefix} ("" for all but Kafka's own); returns their names. */
    public static List<String> deleteTopics(String prefix) {
        ensureRunning();
        String deleted = control("/kafka/delete-topics?prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
        return deleted.isEmpty() ? List.of() : deleted.lines().toList();
    }

    /**
     * Stops {@code part} ({@code kafka} or {@code postgres}) of the running infrastructure, an outage for the fault
     * tests; {@link #startPart} ends it.
     */
    public static void stopPart(String part) {
        ensureRunning();
        control("/stop?part=" + URLEncoder.encode(part, StandardCharsets.UTF_8));
    }

    /** Starts a stopped part again on its ports and its data; returns once it answers. */
    public static void startPart(String part) {
        ensureRunning();
        control("/start?part=" + URLEncoder.encode(part, StandardCharsets.UTF_8));
    }

    static Path defaultStateDir() {
        return Path.of(System.getProperty("closeloop.root", ""), "target", "local-infra").toAbsolutePath();
    }

    static Endpoints endpoints(Properties state) {
        return new Endpoints(
                state.getProperty("kafka.bootstrap.servers"),
                state.getProperty("postgres.host"),
                Integer.parseInt(state.getProperty("postgres.port")),
                state.getProperty("postgres.user"),
                state.getProperty("postgres.password"),
                state.getProperty("keycloak.url"),
                state.getProperty("keycloak.management.url"),
                state.getProperty("keycloak.realm"));
    }

    /** The state of a supervisor that is up and ready. */
    static Optional<Properties> runningState(Path stateDir) {
        return StateFiles.read(stateDir.resolve(StateFiles.INFRA_STATE))
                .filter(state -> StateFiles.process(state, "supervisor").isPresent());
    }

    /** Runs {@code action} holding the state directory's lock, which other JVMs respect too. */
    static <T> T locked(Path stateDir, Supplier<T> action) {
        try {
            Files.createDirectories(stateDir);
            try (FileChannel channel = FileChannel.open(stateDir.resolve("infra.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a supervisor with the given {@link Infra} options in a session of its own (a Ctrl-C meant
     * for the caller's terminal does not reach it), echoes its progress, and returns its state once
     * everything is ready.
     */
    static Properties start(Path stateDir, List<String> options, Duration timeout) {
        Path log = stateDir.resolve("infra.log");
        Path stateFile = stateDir.resolve(StateFiles.INFRA_STATE);
        List<String> command = new ArrayList<>(List.of("setsid", Jvm.javaExecutable().toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", supervisorClasspath(), SUPERVISOR_CLASS, "--state-dir", stateDir.toString()));
        command.addAll(options);
        try {
            Files.createDirectories(stateDir);
            StateFiles.delete(stateFile);
            long logSize = Files.exists(log) ? Files.size(log) : 0;
            Process supervisor = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    // Appended to: a predecessor may still be writing its last lines.
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            System.out.println("Starting Kafka, PostgreSQL and Keycloak (log: " + log + ")");
            long deadline = System.nanoTime() + timeout.toNanos();
            long echoed = logSize;
            while (true) {
                echoed = echoNewLines(log, echoed);
                Optional<Properties> state = StateFiles.read(stateFile);
                if (state.isPresent()) {
                    return state.get();
                }
                if (!supervisor.isAlive()) {
                    echoNewLines(log, echoed);
                    throw new IllegalStateException("The local infrastructure did not start (exit "
                            + supervisor.exitValue() + "):\n" + linesSince(log, logSize));
                }
                if (System.nanoTime() > deadline) {
                    supervisor.destroy();
                    supervisor.waitFor(40, TimeUnit.SECONDS);
                    throw new IllegalStateException("The local infrastructure was not ready within "
                            + timeout.toSeconds() + " s:\n" + linesSince(log, logSize));
                }
                Thread.sleep(250);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the local infrastructure", e);
        }
    }

    /**
     * The owner of a supervisor started for tests: the system property or environment variable, else the
     * nearest Java ancestor (Surefire may fork through a shell), else the parent.
     */
    private static long ownerPid() {
        String configured = System.getProperty(OWNER_PID_PROPERTY, System.getenv(OWNER_PID_PROPERTY));
        if (configured != null && !configured.isBlank()) {
            return Long.parseLong(configured.trim());
        }
        ProcessHandle parent = ProcessHandle.current().parent().orElse(ProcessHandle.current());
        for (Optional<ProcessHandle> ancestor = Optional.of(parent); ancestor.isPresent();
                ancestor = ancestor.get().parent()) {
            boolean java = ancestor.get().info().command().map(c -> c.endsWith("/java")).orElse(false);
            if (java) {
                return ancestor.get().pid();
            }
        }
        return parent.pid();
    }

    /** This module's own jar or classes, then its runtime dependencies as listed at build time. */
    private static String supervisorClasspath() {
        try (InputStream dependencies = LocalInfra.class.getResourceAsStream("runtime.classpath")) {
            Path self = Path.of(LocalInfra.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self + File.pathSeparator + new String(dependencies.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String control(String pathAndQuery) {
        URI uri = URI.create(running.getProperty("control.url") + pathAndQuery);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Prints the complete lines written to {@code log} after byte {@code from}; returns where it stopped. */
    private static long echoNewLines(Path log, long from) throws IOException {
        byte[] read = readFrom(log, from);
        int end = read.length;
        while (end > 0 && read[end - 1] != '\n') {
            end--;
        }
        System.out.print(new String(read, 0, end, StandardCharsets.UTF_8));
        System.out.flush();
        return from + end;
    }

    /** What this start wrote to the log, which may hold earlier runs too; its last 40 lines at most. */
    private static String linesSince(Path log, long from) throws IOException {
        List<String> lines = new String(readFrom(log, from), StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))
                + "\n(log: " + log + ")";
    }

    private static byte[] readFrom(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return new byte[0];
        }
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            channel.position(from);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) > 0) {
                bytes.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return bytes.toByteArray();
        }
    }
}
