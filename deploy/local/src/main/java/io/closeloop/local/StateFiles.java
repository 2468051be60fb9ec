package io.closeloop.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The files a run leaves in its state directory: properties that tell other processes what runs where
 * and by which pid, and logs. JDK only: {@link LocalInfra} uses it inside test JVMs that carry none of
 * this module's dependencies.
 */
final class StateFiles {

    /** Written by the {@link Infra} supervisor once everything is ready; deleted when it stops. */
    static final String INFRA_STATE = "infra.properties";

    private StateFiles() {
    }

    static Optional<Properties> read(Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            Properties properties = new Properties();
            properties.load(in);
            return Optional.of(properties);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Readers never see a half-written file. */
    static void write(Path file, Properties properties) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temporary)) {
                properties.store(out, "Written by Closeloop; deleted when it stops");
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records a process by pid and start time, so that a reused pid is never mistaken for it. */
    static void putProcess(Properties properties, String name, ProcessHandle process) {
        properties.setProperty(name + ".pid", Long.toString(process.pid()));
        process.info().startInstant()
                .ifPresent(started -> properties.setProperty(name + ".started", started.toString()));
    }

    /** The recorded process, if it is still alive. */
    static Optional<ProcessHandle> process(Properties properties, String name) {
        String pid = properties.getProperty(name + ".pid");
        if (pid == null) {
            return Optional.empty();
        }
        Optional<Instant> recordedStart = Optional.ofNullable(properties.getProperty(name + ".started"))
                .map(Instant::parse);
        return ProcessHandle.of(Long.parseLong(pid))
                .filter(ProcessHandle::isAlive)
                .filter(process -> recordedStart.isEmpty() || recordedStart.equals(process.info().startInstant()));
    }

    /** The last lines of a log, for error messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Locks {@code dir} for as long as the returned lock is held, or until this process dies. A node
     * started while its predecessor in the same directory is still shutting down waits for it.
     */
    static FileLock lockFor(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return channel.lock();
    }
}
