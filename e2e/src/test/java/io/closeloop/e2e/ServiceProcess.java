package io.closeloop.e2e;

import io.closeloop.local.AotCache;
import io.closeloop.local.ServiceJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service as its own OS process, started from its packaged application. A shell holds the service's stdin pipe
 * and stops the service when the pipe closes, so the service never outlives the test JVM, even one killed with -9.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final Path root;
    private final Map<String, String> environment;

    private ServiceProcess(String name, int port, Process process, Path log, Path root,
            Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.root = root;
        this.environment = environment;
    }

    static ServiceProcess start(Path root, String name, Map<String, String> environment) throws IOException {
        return start(root, name, environment, name, freePort());
    }

    /** Another instance of the same service and database, on a port of its own, with {@code overrides} set. */
    ServiceProcess replica(String instance, Map<String, String> overrides) throws IOException {
        Map<String, String> replicaEnvironment = new java.util.HashMap<>(environment);
        replicaEnvironment.putAll(overrides);
        return start(root, name, replicaEnvironment, instance, freePort());
    }

    /** The same instance again, on the same port and configuration, its log appended to. */
    ServiceProcess restarted() throws IOException {
        return start(root, name, environment, log.getFileName().toString().replace(".log", ""), port);
    }

    private static ServiceProcess start(Path root, String name, Map<String, String> environment, String instance,
            int port) throws IOException {
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the service is packaged before e2e runs");
        }
        Path log = root.resolve("e2e/target/services").resolve(instance + ".log");
        Files.createDirectories(log.getParent());
        mark(log, "starting on port " + port);
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("PATH", System.getenv("PATH"));
        variables.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        AotCache.train(root, jar, variables, log.resolveSibling(name + "-aot-training.log"));
        String java = ProcessHandle.current().info().command().orElse("java");
        String command = "\"" + java + "\" " + ServiceJvm.options(root, jar) + " -jar \"" + jar + "\" </dev/null & pid=$!; "
                + "trap 'kill $pid' TERM; cat >/dev/null; kill $pid; wait $pid";
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only what it is given (and where the shell finds its tools): nothing leaks in from the build's environment.
        builder.environment().clear();
        builder.environment().putAll(variables);
        return new ServiceProcess(name, port, builder.start(), log, root, environment);
    }

    String name() {
        return name;
    }

    /** SIGKILL to the service's JVM: no shutdown hook, no commit, no goodbye; then its shell is let go. */
    void kill() {
        mark(log, "SIGKILL");
        service().ifPresent(jvm -> {
            jvm.destroyForcibly();
            jvm.onExit().join();
        });
        stop();
    }

    /**
     * SIGTERM to the service's JVM, as Kubernetes stops a pod; true if it exited by itself within {@code grace}
     * (otherwise it is killed).
     */
    boolean terminate(Duration grace) {
        mark(log, "SIGTERM");
        var jvm = service();
        jvm.ifPresent(ProcessHandle::destroy);
        boolean exited = jvm.map(handle -> {
            try {
                handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }).orElse(true);
        stop();
        return exited;
    }

    /** The service's JVM, the one child of the shell that holds its stdin. */
    private java.util.Optional<ProcessHandle> service() {
        return process.children().filter(child -> child.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    void stop() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * A line of the test's own in the instance's log, which every start of the instance appends to: the log keeps
     * every life of the instance, told apart by these lines.
     */
    private static void mark(Path log, String what) {
        try {
            Files.writeString(log, "=== e2e " + Instant.now() + " " + log.getFileName() + ": " + what + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
