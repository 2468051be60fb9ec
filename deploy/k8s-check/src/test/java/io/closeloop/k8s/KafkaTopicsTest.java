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
        Manifests m = Manifests.of(overlay);
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
        Manifests m = Manifests.of(overlay);
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
        Manifests m = Manifests.of(overlay);
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
