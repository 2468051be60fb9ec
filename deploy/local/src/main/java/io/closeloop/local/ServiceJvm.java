package io.closeloop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The JVM options the four services (and, locally, the console) run with, defined once in {@code service-parent/jvm.options} (a java argument
 * file): {@code ./closeloop up}, e2e and the benchmarks pass it to {@code java}, and each service's image copies it
 * from the build ({@code target/jvm.options}) and passes it the same way.
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
}
