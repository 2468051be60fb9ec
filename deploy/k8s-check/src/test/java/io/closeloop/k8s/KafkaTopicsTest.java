package io.closeloop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closeloop.contracts.Topics;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Topics, their users and the autoscalers agree with what each service's own files say it reads and writes. */
class KafkaTopicsTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;

    /** What one service reads and writes in this overlay, its site pattern expanded to the configured sites. */
    record Usage(Set<String> consumed, Set<String> published, Set<String> deadLetters) {
        Set<String> written() {
            Set<String> all = new TreeSet<>(published);
            all.addAll(deadLetters);
            return all;
        }
    }

    static Map<String, Usage> usage(Manifests m) {
        Set<String> sites = sites(m);
        Map<String, Usage> usage = new LinkedHashMap<>();
        for (String service : Repo.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Set<String> consumed = new TreeSet<>();
            config.incoming().forEach((channel, topic) -> {
                if (config.isPattern(channel)) {
                    Pattern pattern = Pattern.compile(topic);
                    sites.forEach(site -> {
                        assertThat(Topics.reportedBy(site)).as(service + " subscribes to site " + site).matches(pattern);
                        consumed.add(Topics.reportedBy(site));
                    });
                    topics(m).keySet().stream().filter(t -> pattern.matcher(t).matches()).forEach(t -> assertThat(consumed)
                            .as("%s matches %s; it must be a configured site's topic", topic, t).contains(t));
                } else {
                    consumed.add(topic);
                }
            });
            Set<String> dlq = new TreeSet<>();
            consumed.forEach(t -> dlq.add(Topics.deadLetterOf(t)));
            usage.put(service, new Usage(consumed, config.published(), dlq));
        }
        return usage;
    }

    static Set<String> sites(Manifests m) {
        String list = Workloads.value(m, m.get("Deployment", "incident-service"), "CLOSELOOP_INCIDENT_SITES");
        return new TreeSet<>(Arrays.asList(list.split(",")));
    }

    static Map<String, ObjectNode> topics(Manifests m) {
        Map<String, ObjectNode> topics = new LinkedHashMap<>();
        m.all("KafkaTopic").forEach(t -> topics.put(t.at("/spec/topicName").asText(Manifests.name(t)), t));
        return topics;
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyTopicAServiceNamesHasAKafkaTopicAndEveryKafkaTopicIsUsed(String overlay) {
        everyTopicAServiceNamesHasAKafkaTopicAndEveryKafkaTopicIsUsed(Manifests.of(overlay));
    }

    static void everyTopicAServiceNamesHasAKafkaTopicAndEveryKafkaTopicIsUsed(Manifests m) {
        Map<String, Usage> usage = usage(m);
        Set<String> used = new TreeSet<>();
        usage.forEach((service, u) -> {
            assertThat(u.consumed()).as(service + " consumes").isNotEmpty();
            assertThat(u.published()).as(service + " publishes").isNotEmpty();
            used.addAll(u.consumed());
            used.addAll(u.written());
        });
        sites(m).forEach(site -> used.add(Topics.reportedBy(site)));

        assertThat(topics(m).keySet()).as("KafkaTopics").containsAll(used);
        assertThat(used).as("topics some service or site uses").containsAll(topics(m).keySet());
        assertThat(topics(m).get(Topics.CONTROLS).at("/spec/config").path("cleanup.policy").asText()).isEqualTo("compact");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void autoscalersStayWithinThePartitionsOfWhatTheyConsume(String overlay) {
        autoscalersStayWithinThePartitionsOfWhatTheyConsume(Manifests.of(overlay));
    }

    static void autoscalersStayWithinThePartitionsOfWhatTheyConsume(Manifests m) {
        Map<String, ObjectNode> topics = topics(m);
        usage(m).forEach((service, u) -> {
            int partitions = u.consumed().stream().mapToInt(t -> topics.get(t).at("/spec/partitions").asInt()).min().orElseThrow();
            JsonNode hpa = m.get("HorizontalPodAutoscaler", service).path("spec");
            assertThat(hpa.path("maxReplicas").asInt()).as(service + " autoscaler maximum").isBetween(1, partitions);
            assertThat(hpa.path("minReplicas").asInt()).isBetween(1, hpa.path("maxReplicas").asInt());
            assertThat(m.get("Deployment", service).at("/spec/replicas").asInt()).isBetween(1, hpa.path("maxReplicas").asInt());
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachPrincipalMayReadAndWriteExactlyWhatItUses(String overlay) {
        eachPrincipalMayReadAndWriteExactlyWhatItUses(Manifests.of(overlay));
    }

    static void eachPrincipalMayReadAndWriteExactlyWhatItUses(Manifests m) {
        Set<String> principals = new TreeSet<>();
        m.all("KafkaUser").forEach(u -> principals.add(Manifests.name(u)));
        Set<String> expected = new TreeSet<>(Repo.SERVICES);
        sites(m).forEach(site -> expected.add("site-" + site));
        assertThat(principals).isEqualTo(expected);

        usage(m).forEach((service, u) -> {
            ObjectNode user = m.get("KafkaUser", service);
            assertThat(allowed(user, "topic", "Read")).as(service + " reads").isEqualTo(u.consumed());
            assertThat(allowed(user, "topic", "Write")).as(service + " writes").isEqualTo(u.written());
            assertThat(allowed(user, "group", "Read")).as(service + " consumer group").containsExactly(service);
            assertThat(allowed(user, "topic", "Describe")).isEqualTo(union(u.consumed(), u.written()));
        });
        for (String site : sites(m)) {
            ObjectNode user = m.get("KafkaUser", "site-" + site);
            assertThat(allowed(user, "topic", "Write")).containsExactly(Topics.reportedBy(site));
            assertThat(allowed(user, "topic", "Read")).isEmpty();
        }
        m.all("KafkaUser").forEach(user -> user.at("/spec/authorization/acls").forEach(acl ->
                assertThat(acl.at("/resource/patternType").asText()).as("%s: prefixed ACLs reach further than meant (north also "
                        + "matches northwest)", Manifests.name(user)).isEqualTo("literal")));
    }

    /**
     * A principal is a Keycloak client: the realm has a confidential client with a service account for every
     * KafkaUser, carrying the audience the listener requires, and a site client for every configured site
     * (and no other). A site's tokens carry only the Kafka audience, so they open no Closeloop API.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPrincipalIsARealmClientWithTheListenersAudienceAndEverySiteHasOne(String overlay) {
        everyPrincipalIsARealmClientWithTheListenersAudienceAndEverySiteHasOne(Manifests.of(overlay));
    }

    static void everyPrincipalIsARealmClientWithTheListenersAudienceAndEverySiteHasOne(Manifests m) {
        Map<String, JsonNode> clients = new LinkedHashMap<>();
        m.get("KeycloakRealmImport", "closeloop").at("/spec/realm/clients")
                .forEach(c -> clients.put(c.path("clientId").asText(), c));
        JsonNode listener = m.get("Kafka", "closeloop").at("/spec/kafka/listeners/0/authentication/listenerConfig");
        String audience = listener.path("oauthbearer.sasl.oauthbearer.expected.audience").asText();
        assertThat(audience).isEqualTo("kafka");

        Set<String> siteClients = new TreeSet<>();
        clients.keySet().stream().filter(c -> c.startsWith("site-")).forEach(siteClients::add);
        Set<String> expectedSites = new TreeSet<>();
        sites(m).forEach(site -> expectedSites.add("site-" + site));
        assertThat(siteClients).as("site clients of the realm").isEqualTo(expectedSites);

        m.all("KafkaUser").forEach(user -> {
            JsonNode client = clients.get(Manifests.name(user));
            assertThat(client).as("realm client of KafkaUser " + Manifests.name(user)).isNotNull();
            assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
            assertThat(client.path("publicClient").asBoolean()).isFalse();
            assertThat(audiences(client)).as(Manifests.name(user) + " audiences").contains(audience);
        });
        siteClients.forEach(site -> assertThat(audiences(clients.get(site))).as(site).containsExactly(audience));
    }

    /** The listener checks tokens against the issuer that Keycloak names, and may fetch the realm's keys. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theListenerTrustsTheRealmOfThisOverlaysKeycloak(String overlay) {
        Manifests m = Manifests.of(overlay);
        JsonNode kafka = m.get("Kafka", "closeloop").at("/spec/kafka");
        JsonNode listener = kafka.at("/listeners/0/authentication/listenerConfig");
        String hostname = m.get("Keycloak", "keycloak").at("/spec/hostname/hostname").asText();
        assertThat(listener.path("oauthbearer.sasl.oauthbearer.expected.issuer").asText())
                .isEqualTo(hostname + "/realms/closeloop");
        String jwks = listener.path("oauthbearer.sasl.oauthbearer.jwks.endpoint.url").asText();
        Set<String> allowed = new TreeSet<>();
        kafka.at("/jvmOptions/javaSystemProperties").forEach(p -> {
            if (p.path("name").asText().equals("org.apache.kafka.sasl.oauthbearer.allowed.urls")) {
                allowed.addAll(Arrays.asList(p.path("value").asText().split(",")));
            }
        });
        assertThat(allowed).contains(jwks);
    }

    private static Set<String> audiences(JsonNode client) {
        Set<String> audiences = new TreeSet<>();
        client.path("protocolMappers").forEach(mapper -> {
            if (mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
                audiences.add(mapper.at("/config/included.custom.audience").asText());
            }
        });
        return audiences;
    }

    private static Set<String> allowed(ObjectNode user, String type, String operation) {
        Set<String> names = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            boolean grants = false;
            for (JsonNode op : acl.path("operations")) {
                grants |= op.asText().equals(operation);
            }
            if (grants && acl.at("/resource/type").asText().equals(type)) {
                names.add(acl.at("/resource/name").asText());
            }
        }
        return names;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
