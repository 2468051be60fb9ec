package io.closeloop.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where things are in the checkout, found from the module's own folder. */
final class Repo {

    static final List<String> SERVICES = List.of(
            "incident-service", "accountability-service", "action-service", "verification-service");
    static final List<String> OVERLAYS = List.of("dev", "production");

    static final Path ROOT = findRoot();
    static final Path K8S = ROOT.resolve("deploy/k8s");

    private Repo() {
    }

    static Path overlay(String name) {
        return K8S.resolve("overlays").resolve(name);
    }

    static Path service(String name) {
        return ROOT.resolve(name);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/k8s"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No deploy/k8s above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
