package io.closeloop.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the rendered objects the way a cluster would: pods' labels, a container's environment. */
final class Workloads {

    private Workloads() {
    }

    static Map<String, String> labels(JsonNode labels) {
        Map<String, String> map = new LinkedHashMap<>();
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    static boolean selects(JsonNode matchLabels, Map<String, String> podLabels) {
        Map<String, String> wanted = labels(matchLabels);
        return !wanted.isEmpty() && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }

    /**
     * The labels of every pod the overlay leads to: the Deployments' templates, and the pods the
     * operators make for Kafka node pools, CloudNativePG clusters and Keycloak (as they document them).
     */
    static Map<String, Map<String, String>> pods(Manifests m) {
        Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        for (ObjectNode d : m.all("Deployment")) {
            pods.put(Manifests.id(d), labels(d.at("/spec/template/metadata/labels")));
        }
        for (ObjectNode pool : m.all("KafkaNodePool")) {
            Map<String, String> l = new LinkedHashMap<>();
            l.put("strimzi.io/cluster", pool.at("/metadata/labels").path("strimzi.io/cluster").asText());
            l.put("strimzi.io/kind", "Kafka");
            l.put("strimzi.io/pool-name", Manifests.name(pool));
            pool.at("/spec/roles").forEach(r -> l.put("strimzi.io/" + r.asText() + "-role", "true"));
            pods.put(Manifests.id(pool), l);
        }
        for (ObjectNode c : m.all("Cluster")) {
            pods.put(Manifests.id(c), Map.of("cnpg.io/cluster", Manifests.name(c), "cnpg.io/podRole", "instance"));
        }
        for (ObjectNode k : m.all("Keycloak")) {
            pods.put(Manifests.id(k), Map.of("app", "keycloak", "app.kubernetes.io/instance", Manifests.name(k),
                    "app.kubernetes.io/managed-by", "keycloak-operator"));
        }
        return pods;
    }

    static JsonNode container(ObjectNode deployment) {
        return deployment.at("/spec/template/spec/containers/0");
    }

    static int httpPort(ObjectNode deployment) {
        for (JsonNode port : container(deployment).path("ports")) {
            if ("http".equals(port.path("name").asText())) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError(Manifests.id(deployment) + " has no port named http");
    }

    /** A port given by name or number, as the container's port number; -1 when it names none. */
    static int resolvePort(ObjectNode deployment, JsonNode port) {
        for (JsonNode p : container(deployment).path("ports")) {
            if (port.isInt() ? p.path("containerPort").asInt() == port.asInt() : p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        return -1;
    }

    /** One environment variable of the container: where its value comes from. */
    record Env(String name, String value, String configMap, String secret, String key) {
    }

    /** The container's whole environment: the ConfigMaps it takes whole, and each single variable. */
    static List<Env> env(Manifests m, ObjectNode deployment) {
        List<Env> env = new ArrayList<>();
        for (JsonNode from : container(deployment).path("envFrom")) {
            String name = from.at("/configMapRef/name").asText();
            if (name.isEmpty()) {
                throw new AssertionError(Manifests.id(deployment) + ": only ConfigMaps are taken whole, " + from);
            }
            m.find("ConfigMap", name).ifPresent(cm -> cm.path("data").fields().forEachRemaining(e ->
                    env.add(new Env(e.getKey(), e.getValue().asText(), name, null, e.getKey()))));
        }
        for (JsonNode e : container(deployment).path("env")) {
            JsonNode secret = e.at("/valueFrom/secretKeyRef");
            JsonNode config = e.at("/valueFrom/configMapKeyRef");
            if (!secret.isMissingNode()) {
                env.add(new Env(e.path("name").asText(), null, null, secret.path("name").asText(), secret.path("key").asText()));
            } else if (!config.isMissingNode()) {
                String value = m.find("ConfigMap", config.path("name").asText())
                        .map(cm -> cm.path("data").path(config.path("key").asText()).asText(null)).orElse(null);
                env.add(new Env(e.path("name").asText(), value, config.path("name").asText(), null, config.path("key").asText()));
            } else {
                env.add(new Env(e.path("name").asText(), e.path("value").asText(), null, null, null));
            }
        }
        return env;
    }

    static String value(Manifests m, ObjectNode deployment, String name) {
        return env(m, deployment).stream().filter(e -> e.name().equals(name)).map(Env::value).findFirst()
                .orElseThrow(() -> new AssertionError(Manifests.id(deployment) + " has no " + name));
    }

    static Env variable(Manifests m, ObjectNode deployment, String name) {
        return env(m, deployment).stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(Manifests.id(deployment) + " has no " + name));
    }
}
