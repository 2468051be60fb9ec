package io.closeloop.k8s;

import io.closeloop.contracts.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What a service reads, as its own files say: configuration keys, the topics it consumes and publishes. */
final class ServiceConfig {

    private static final Path CHASSIS_DEFAULTS =
            Repo.ROOT.resolve("chassis/src/main/resources/META-INF/microprofile-config.properties");
    private static final Pattern INCOMING_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");
    private static final Pattern PUBLISH = Pattern.compile("outbox\\.publish\\(\\s*Topics\\.([A-Z_]+)");
    private static final Pattern LOCAL_INFRA = Pattern.compile("127\\.0\\.0\\.1|localhost");

    final String service;
    /** Keys in effect in a container (no dev/test profile), with their values. */
    final Map<String, String> keys = new LinkedHashMap<>();
    /** Keys that a deployment has to give: local addresses and keys whose comment says a deployment sets them. */
    final Set<String> deploymentKeys = new TreeSet<>();

    private ServiceConfig(String service) {
        this.service = service;
        read(CHASSIS_DEFAULTS, false);
        read(Repo.service(service).resolve("src/main/resources/application.properties"), true);
        // Locally every service has its own port on one host; in a pod each listens on the same one.
        deploymentKeys.add("quarkus.http.port");
    }

    static ServiceConfig of(String service) {
        return new ServiceConfig(service);
    }

    /** Quarkus' rule: a property is also read from the upper-case variable with every other character as '_'. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    Map<String, String> byEnvName() {
        Map<String, String> names = new LinkedHashMap<>();
        keys.keySet().forEach(k -> names.put(envName(k), k));
        return names;
    }

    /** Topic names or patterns of every incoming channel, by channel. */
    Map<String, String> incoming() {
        Map<String, String> topics = new LinkedHashMap<>();
        keys.forEach((k, v) -> {
            Matcher m = INCOMING_TOPIC.matcher(k);
            if (m.matches()) {
                topics.put(m.group(1), v);
            }
        });
        return topics;
    }

    boolean isPattern(String channel) {
        return Boolean.parseBoolean(keys.getOrDefault("mp.messaging.incoming." + channel + ".pattern", "false"));
    }

    /** Topics the service writes through the outbox, named by the contracts' constants in its code. */
    Set<String> published() {
        Set<String> topics = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Repo.service(service).resolve("src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Matcher m = PUBLISH.matcher(Repo.read(f));
                while (m.find()) {
                    topics.add(constant(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    private static String constant(String name) {
        try {
            return (String) Topics.class.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Topics." + name + " is not a topic constant", e);
        }
    }

    private void read(Path file, boolean ownFile) {
        String text = Repo.read(file);
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().stream()
                .filter(k -> !k.startsWith("%") || k.startsWith("%prod."))
                .forEach(k -> keys.put(k.startsWith("%prod.") ? k.substring(6) : k, properties.getProperty(k)));
        if (!ownFile) {
            return;
        }
        boolean commentSaysDeployment = false;
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#")) {
                commentSaysDeployment |= trimmed.toLowerCase(Locale.ROOT).contains("deployment");
            } else if (trimmed.contains("=")) {
                String key = trimmed.substring(0, trimmed.indexOf('=')).trim();
                if (!key.startsWith("%") && (commentSaysDeployment || LOCAL_INFRA.matcher(properties.getProperty(key, "")).find())) {
                    deploymentKeys.add(key);
                }
                commentSaysDeployment = false;
            } else {
                commentSaysDeployment = false;
            }
        }
    }
}
