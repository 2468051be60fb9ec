package io.closeloop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JVM options the four services (and, locally, the console) run with, defined once in {@code service-parent/jvm.options} (a java argument
 * file): {@code ./closeloop up}, e2e and the benchmarks pass it to {@code java}, and each service's image copies it
 * from the build ({@code target/jvm.options}) and passes it the same way. On JDK 25 or newer the launchers add the
 * service's AOT cache ({@link AotCache}); the options file holds only what every JDK 21 or newer knows, since a JVM
 * refuses to start on an option it does not know.
 */
public final class ServiceJvm {

    private ServiceJvm() {
    }

    public static Path optionsFile(Path root) {
        return root.resolve("service-parent/jvm.options");
    }

    /** The options themselves, without the file's comments: for benchmark reports. */
    public static String declared(Path root) {
        try {
            return Files.readAllLines(optionsFile(root)).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.joining(" "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The argument that makes {@code java} read the options file. */
    public static String options(Path root) {
        return "@" + optionsFile(root).toAbsolutePath();
    }

    /** The options file, and the jar's AOT cache when it has a usable one ({@link AotCache}): the arguments before -jar. */
    public static List<String> arguments(Path root, Path jar) {
        List<String> arguments = new ArrayList<>(List.of(options(root)));
        AotCache.usable(root, jar).ifPresent(cache -> arguments.add("-XX:AOTCache=" + cache.toAbsolutePath()));
        return arguments;
    }

    /** {@link #arguments(Path, Path)} as one string, for a shell command line. */
    public static String options(Path root, Path jar) {
        return String.join(" ", arguments(root, jar));
    }
}
