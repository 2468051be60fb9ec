package io.closeloop.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process started by the supervisor, its output in a log file. Its stdin is a pipe from the
 * supervisor: every child stops when that pipe closes, so children never outlive the supervisor,
 * even when it is killed with SIGKILL.
 */
final class Child {

    private final String name;
    private final Process process;
    private final Path log;

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Child start(String name, List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new Child(name, builder.start(), log);
    }

    /** {@code stdin-guard.sh}, copied into {@code dir}: it gives programs that ignore stdin the same lifetime. */
    static Path guardScript(Path dir) throws IOException {
        Path script = dir.resolve("stdin-guard.sh");
        try (InputStream in = Child.class.getResourceAsStream("stdin-guard.sh")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    String name() {
        return name;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Closes stdin and waits; kills the whole tree if the child does not stop in time. */
    void stop(Duration grace) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The pipe is already broken: the child is gone or going.
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
