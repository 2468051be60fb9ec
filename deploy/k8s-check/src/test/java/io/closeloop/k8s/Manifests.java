package io.closeloop.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** An overlay as `kubectl kustomize` renders it: the objects a cluster would receive. */
final class Manifests {

    static final ObjectMapper YAML = new YAMLMapper();
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    final String overlay;
    final List<ObjectNode> objects;

    private Manifests(String overlay, List<ObjectNode> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    static Manifests of(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> new Manifests(o, parse(render(Repo.overlay(o)))));
    }

    /** An overlay of another copy of the checkout, rendered afresh. */
    static Manifests of(Path root, String overlay) {
        return new Manifests(overlay, parse(render(root.resolve("deploy/k8s/overlays").resolve(overlay))));
    }

    List<ObjectNode> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return all(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object);
    }

    /** Runs the real kustomize inside kubectl; nothing is skipped when it is missing. */
    static String render(Path dir) {
        String kubectl = kubectl();
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
                }
                if (p.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + Files.readString(err));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("Running kubectl kustomize " + dir + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String kubectl() {
        String override = System.getProperty("kubectl");
        if (override != null) {
            return override;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("kubectl is not on the PATH: the Kubernetes checks render the overlays with "
                + "`kubectl kustomize` and skip nothing. Install kubectl 1.32+ or pass -Dkubectl=/path/to/kubectl.");
    }

    static List<ObjectNode> parse(String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var docs = YAML.readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    objects.add((ObjectNode) doc);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("Unreadable YAML: " + e, e);
        }
        return objects;
    }
}
