package io.closeloop.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses each rendered object against its published model, failing on any field the model does not
 * have: Kubernetes' own objects with the official Java client's models (Kubernetes 1.32), Strimzi's
 * with its typed API, and the Keycloak Operator's and CloudNativePG's with the schemas under
 * src/test/resources/schemas (neither publishes its CRDs as an artifact).
 */
final class StrictModels {

    private static final String CORE = "io.kubernetes.client.openapi.models.";
    private static final Map<String, String> KUBERNETES = Map.of(
            "v1/Namespace", CORE + "V1Namespace",
            "v1/ServiceAccount", CORE + "V1ServiceAccount",
            "v1/ConfigMap", CORE + "V1ConfigMap",
            "v1/Secret", CORE + "V1Secret",
            "v1/Service", CORE + "V1Service",
            "apps/v1/Deployment", CORE + "V1Deployment",
            "policy/v1/PodDisruptionBudget", CORE + "V1PodDisruptionBudget",
            "autoscaling/v2/HorizontalPodAutoscaler", CORE + "V2HorizontalPodAutoscaler",
            "networking.k8s.io/v1/NetworkPolicy", CORE + "V1NetworkPolicy");
    private static final Map<String, Class<?>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1/Kafka", Kafka.class,
            "kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1/KafkaUser", KafkaUser.class);
    private static final Map<String, String> SCHEMAS = Map.of(
            "k8s.keycloak.org/v2alpha1/Keycloak", "keycloak.json",
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", "keycloak-realm-import.json",
            "postgresql.cnpg.io/v1/Cluster", "cnpg-cluster.json");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Writes every property back, defaults included, so only what the model could not hold goes missing. */
    private static final ObjectMapper WRITE_ALL = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public JsonInclude.Value findPropertyInclusion(Annotated annotated) {
                    return JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
                }
            })
            .build();

    private StrictModels() {
    }

    /** What is wrong with the object; empty when it parses strictly. */
    static List<String> problems(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        try {
            if (KUBERNETES.containsKey(type)) {
                Class.forName(KUBERNETES.get(type)).getMethod("fromJson", String.class)
                        .invoke(null, JSON.writeValueAsString(object));
                return List.of();
            }
            if (STRIMZI.containsKey(type)) {
                Object typed = JSON.treeToValue(object, STRIMZI.get(type));
                List<String> unknown = new ArrayList<>();
                collectUnknown(typed, "", unknown, new IdentityHashMap<>());
                lostInRoundTrip(object, WRITE_ALL.valueToTree(typed), "", unknown);
                return unknown;
            }
            if (SCHEMAS.containsKey(type)) {
                return schema(SCHEMAS.get(type)).validate(object).stream().map(ValidationMessage::getMessage).toList();
            }
            return List.of("no model known for " + type + ": add one before using the kind");
        } catch (InvocationTargetException e) {
            return List.of(String.valueOf(e.getCause().getMessage()));
        } catch (Exception e) {
            return List.of(e.getMessage());
        }
    }

    static JsonSchema schema(String file) {
        try (InputStream in = StrictModels.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("No schema " + file);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Strimzi's and fabric8's models keep unknown fields in additionalProperties instead of failing. */
    private static void collectUnknown(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> || !isModel(value.getClass())) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add("unknown field(s) " + extra.keySet() + " at " + (path.isEmpty() ? "/" : path));
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                collectUnknown(child, path + "/" + field, unknown, seen);
            }
        }
    }

    /** A value the model could not hold (an unknown enum constant reads as null) is missing when written back. */
    private static void lostInRoundTrip(JsonNode given, JsonNode kept, String path, List<String> problems) {
        if (given.isObject()) {
            given.fieldNames().forEachRemaining(field -> {
                JsonNode child = kept.path(field);
                if (child.isMissingNode() || child.isNull()) {
                    problems.add("value not accepted at " + path + "/" + field + ": " + given.get(field));
                } else {
                    lostInRoundTrip(given.get(field), child, path + "/" + field, problems);
                }
            });
        } else if (given.isArray()) {
            for (int i = 0; i < given.size(); i++) {
                JsonNode child = kept.path(i);
                if (child.isMissingNode() || child.isNull()) {
                    problems.add("value not accepted at " + path + "[" + i + "]: " + given.get(i));
                } else {
                    lostInRoundTrip(given.get(i), child, path + "[" + i + "]", problems);
                }
            }
        } else if (!given.asText().equals(kept.asText())) {
            problems.add("value changed at " + path + ": " + given + " became " + kept);
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return !type.isEnum() && (name.startsWith("io.strimzi.api.") || name.startsWith("io.fabric8.kubernetes.api.model."));
    }

    static Set<String> knownTypes() {
        var all = new java.util.TreeSet<String>();
        all.addAll(KUBERNETES.keySet());
        all.addAll(STRIMZI.keySet());
        all.addAll(SCHEMAS.keySet());
        return all;
    }
}
