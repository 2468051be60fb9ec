package io.closeloop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The JDK's AOT cache of a service (JEP 483, 514 and 515: its classes already loaded and linked, and the profiles of
 * its start-up methods), which cuts the CPU a start needs by more than half. It is made by a training start: the packaged
 * service started as it runs, against the same infrastructure, until it is ready, then stopped; the JVM writes the
 * cache as it exits. The launchers ({@code ./closeloop up}, e2e, the benchmarks) train a service whose cache is
 * missing or older than its jar or the JVM options, before they start it.
 *
 * <p>Only on JDK 25 or newer (one-step training, JEP 514), and only for a jar packaged as Quarkus' {@code aot-jar}
 * (its classes on the JVM's own class path, where the cache can hold them). The cache is named after the JDK that made
 * it; one made for another JDK, class path or options is never used: the JVM checks it too and, if it does not match,
 * warns and starts without it. A training that fails costs the cache, never the start.
 */
public final class AotCache {

    /** One-step training ({@code -XX:AOTCacheOutput}, JEP 514) and method profiles in the cache (JEP 515). */
    static final int JDK = 25;
    private static final String AOT_JAR_MAIN_CLASS = "io.quarkus.bootstrap.runner.AotQuarkusEntryPoint";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** Stopping includes writing the cache: a second JVM assembles it from what the training recorded. */
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(3);
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private AotCache() {
    }

    /** Where the cache of {@code jar} for this JDK lives, whether or not it exists. */
    static Path file(Path jar) {
        return jar.resolveSibling("quarkus-run." + Runtime.version().toString().replace('+', '_') + ".aot");
    }

    /** The cache to start {@code jar} with: present, newer than the jar and the options, for this JDK. */
    public static Optional<Path> usable(Path root, Path jar) {
        Path cache = file(jar);
        if (!applies(jar) || !Files.isRegularFile(cache)) {
            return Optional.empty();
        }
        FileTime made = modified(cache);
        boolean current = modified(jar).compareTo(made) < 0 && modified(ServiceJvm.optionsFile(root)).compareTo(made) < 0;
        return current ? Optional.of(cache) : Optional.empty();
    }

    /**
     * Trains the cache of {@code jar} unless it has a usable one: starts it with {@code environment} (and a free HTTP
     * port) until {@code /q/health/ready} answers 200, then stops it. Its output goes to {@code log}. Returns whether
     * the jar now has a usable cache.
     */
    public static boolean train(Path root, Path jar, Map<String, String> environment, Path log) {
        // One training per jar at a time; different services may train side by side.
        synchronized (LOCKS.computeIfAbsent(jar.toAbsolutePath(), key -> new Object())) {
            if (!applies(jar) || usable(root, jar).isPresent()) {
                return usable(root, jar).isPresent();
            }
            return trainNow(root, jar, environment, log);
        }
    }

    private static boolean trainNow(Path root, Path jar, Map<String, String> environment, Path log) {
        Path cache = file(jar);
        // Written under a name of this process's own, then moved: another launcher never sees half a cache.
        Path output = cache.resolveSibling(cache.getFileName() + "." + ProcessHandle.current().pid() + ".training");
        try {
            Files.deleteIfExists(output);
            Files.createDirectories(log.getParent());
            note(log, "AOT cache training of " + jar);
            int port = freePort();
            List<String> java = new ArrayList<>(List.of(Jvm.javaExecutable().toString()));
            java.add(ServiceJvm.options(root));
            java.addAll(List.of("-XX:AOTCacheOutput=" + output, "-jar", jar.toString()));
            // A shell holds the JVM's stdin: closing it stops the training, and so does this JVM's end, however abrupt.
            String command = quoted(java) + " </dev/null & pid=$!; trap 'kill $pid' TERM; cat >/dev/null; "
                    + "kill $pid; wait $pid";
            ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            String path = builder.environment().get("PATH");
            builder.environment().clear();
            builder.environment().put("PATH", path);
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            long started = System.nanoTime();
            Process training = builder.start();
            boolean ready = awaitReady(training, port);
            training.getOutputStream().close();
            boolean exited = training.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                training.descendants().forEach(ProcessHandle::destroyForcibly);
                training.destroyForcibly();
            }
            if (ready && exited && Files.isRegularFile(output)) {
                Files.move(output, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                note(log, "AOT cache " + cache + " trained in " + (System.nanoTime() - started) / 1_000_000_000 + " s");
                return true;
            }
            Files.deleteIfExists(output);
            note(log, "AOT cache training failed (ready: " + ready + ", exited: " + exited + "): starting without it");
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether {@code jar} would get a cache but has no usable one: a start now would be a training start first. */
    public static boolean needsTraining(Path root, Path jar) {
        return applies(jar) && usable(root, jar).isEmpty();
    }

    /** JDK 25 or newer, and a jar whose classes the JVM's class path loads (Quarkus' aot-jar packaging). */
    static boolean applies(Path jar) {
        if (Runtime.version().feature() < JDK || !Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && AOT_JAR_MAIN_CLASS.equals(file.getManifest().getMainAttributes().getValue("Main-Class"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean awaitReady(Process training, int port) throws InterruptedException {
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline && training.isAlive()) {
                if (Http.ok(http, ready)) {
                    return true;
                }
                Thread.sleep(250);
            }
        }
        return false;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    private static void note(Path log, String line) throws IOException {
        Files.writeString(log, "=== " + Instant.now() + " " + line + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String quoted(List<String> words) {
        return String.join(" ", words.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").toList());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
