package io.closeloop.bench;

import io.closeloop.local.AotCache;
import io.closeloop.local.LocalInfra;
import io.closeloop.local.ServiceJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service as its own process, on a fresh database and a free port, with the services' JVM options
 * ({@link ServiceJvm}) and its AOT cache ({@link AotCache}) as e2e runs it. A shell
 * holds its stdin and stops it when this JVM goes, even when this JVM is killed.
 */
final class ServiceRunner implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    final long startedNanos;
    /** Whether it started with an AOT cache. */
    final boolean aotCache;
    private final Process process;
    private final Path log;

    private ServiceRunner(String name, int port, long startedNanos, boolean aotCache, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.startedNanos = startedNanos;
        this.aotCache = aotCache;
        this.process = process;
        this.log = log;
    }

    static Path jar(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Starts {@code service} on a fresh database {@code bench_<stage>}. */
    static ServiceRunner start(Path root, LocalInfra.Endpoints infra, String service, List<String> jvmOptions,
            Map<String, String> settings) throws IOException {
        Path jar = jar(root, service);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw -q package -DskipTests -pl " + service);
        }
        String database = "bench_" + service.substring(0, service.indexOf('-'));
        LocalInfra.recreateDatabase(database);
        Path log = root.resolve("bench/target").resolve(service + ".log");
        Files.createDirectories(log.getParent());
        int port = BenchEnv.freePort();
        Map<String, String> environment = environment(infra, database, port);
        environment.putAll(settings);
        trainIfNeeded(root, service, jar, environment, database);
        boolean cached = AotCache.usable(root, jar).isPresent();
        String java = ProcessHandle.current().info().command().orElse("java");
        String command = "\"" + java + "\" " + ServiceJvm.options(root, jar) + " " + String.join(" ", jvmOptions) + " -jar \"" + jar
                + "\" </dev/null & pid=$!; trap 'kill $pid' TERM; cat >/dev/null; kill $pid; wait $pid";
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        return new ServiceRunner(service, port, started, cached, builder.start(), log);
    }

    /** This machine's environment and the service's connections to the local infrastructure, on {@code port}. */
    static Map<String, String> environment(LocalInfra.Endpoints infra, String database, int port) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", infra.postgresUser(),
                "QUARKUS_DATASOURCE_PASSWORD", infra.postgresPassword(),
                "QUARKUS_OIDC_AUTH_SERVER_URL", infra.authServerUrl(),
                "QUARKUS_HTTP_PORT", Integer.toString(port)));
        return environment;
    }

    /**
     * As the launchers do: a service whose AOT cache is missing or stale gets a training start first. It is not
     * measured, and its database is made again, so the measured start is still a first start on a fresh database.
     */
    static void trainIfNeeded(Path root, String service, Path jar, Map<String, String> environment, String database)
            throws IOException {
        if (!AotCache.needsTraining(root, jar)) {
            return;
        }
        Path training = root.resolve("bench/target").resolve(service + "-aot-training.log");
        long started = System.nanoTime();
        boolean trained = AotCache.train(root, jar, environment, training);
        System.out.printf("%s: AOT cache %s in %.1f s (log: %s)%n", service, trained ? "trained" : "NOT trained",
                (System.nanoTime() - started) / 1e9, training);
        LocalInfra.recreateDatabase(database);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String database() {
        return "bench_" + name.substring(0, name.indexOf('-'));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Waits until /q/health/ready answers 200 (three minutes at most); returns the seconds from process start. */
    double awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Duration.ofMinutes(3).toNanos());
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1e9;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    private Optional<ProcessHandle> jvm() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst();
    }

    /**
     * CPU time the service's JVM has used (all its threads, user and system), in seconds. On a shared machine the
     * time to ready follows the load; the CPU time it took to get there hardly does.
     */
    double cpuSeconds() {
        return jvm().flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Resident set size of the service's JVM in MiB, from /proc. */
    double rssMiB() throws IOException {
        Optional<ProcessHandle> jvm = jvm();
        if (jvm.isEmpty()) {
            return Double.NaN;
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + jvm.get().pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
