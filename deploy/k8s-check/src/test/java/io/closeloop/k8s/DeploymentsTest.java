package io.closeloop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each stage runs hardened, observable and disruption-aware; the overlays differ as documented. */
class DeploymentsTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyStageRunsHardenedWithLimitsProbesAndAGracefulStop(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.all("Deployment")).hasSize(Repo.SERVICES.size());
        for (String service : Repo.SERVICES) {
            ObjectNode d = m.get("Deployment", service);
            JsonNode pod = d.at("/spec/template/spec");
            JsonNode c = Workloads.container(d);
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(service + " non-root").isTrue();
            assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(service + " read-only root").isTrue();
            assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(c.at("/securityContext/capabilities/drop").toString()).contains("ALL");
            for (String bound : List.of("requests", "limits")) {
                assertThat(c.at("/resources/" + bound).has("cpu") && c.at("/resources/" + bound).has("memory"))
                        .as(service + " cpu and memory " + bound).isTrue();
            }
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(c.has(probe)).as(service + " " + probe).isTrue();
            }
            assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThan(c.at("/lifecycle/preStop/sleep/seconds").asInt());
            assertThat(pod.path("serviceAccountName").asText()).isEqualTo(service);
            assertThat(m.get("ServiceAccount", service).path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(d.at("/spec/template/metadata/annotations").path("prometheus.io/scrape").asText()).isEqualTo("true");
            for (String kind : List.of("Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "ConfigMap")) {
                assertThat(m.find(kind, kind.equals("ConfigMap") ? service + "-config" : service)).as(service + " " + kind).isPresent();
            }
            JsonNode mounts = c.path("volumeMounts");
            assertThat(mounts.toString()).as(service + " writes only to /tmp").contains("\"/tmp\"");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theImageRunsAsThePodsUserAndExposesItsPort(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String service : Repo.SERVICES) {
            String dockerfile = Repo.read(Repo.service(service).resolve("src/main/docker/Dockerfile.jvm"));
            ObjectNode d = m.get("Deployment", service);
            assertThat(single(dockerfile, "(?m)^USER (\\d+)$")).as(service + " image user")
                    .isEqualTo(d.at("/spec/template/spec/securityContext/runAsUser").asText());
            assertThat(single(dockerfile, "(?m)^EXPOSE (\\d+)$")).isEqualTo(String.valueOf(Workloads.httpPort(d)));
            assertThat(Workloads.container(d).path("image").asText()).contains("/" + service + ":");
        }
    }

    /**
     * The image runs with the services' one set of JVM options (service-parent/jvm.options, which the build copies to
     * target/). Its run-java.sh adds -XX:+UseParallelGC unless GC_CONTAINER_OPTIONS names a collector, and two
     * collectors stop the JVM at start, so the image names the options' own collector there.
     */
    @org.junit.jupiter.api.Test
    void theImageRunsWithTheServicesJvmOptions() {
        String options = Repo.read(Repo.ROOT.resolve("service-parent/jvm.options"));
        String collector = single(options, "(?m)^(-XX:\\+Use\\w+GC)$");
        for (String service : Repo.SERVICES) {
            String dockerfile = Repo.read(Repo.service(service).resolve("src/main/docker/Dockerfile.jvm"));
            assertThat(dockerfile).as(service + " image").contains("COPY --chown=185 target/jvm.options /deployments/jvm.options");
            assertThat(single(dockerfile, "(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"$")).startsWith("@/deployments/jvm.options ");
            assertThat(single(dockerfile, "(?m)^ENV GC_CONTAINER_OPTIONS=\"([^\"]*)\"$")).as(service + " collector")
                    .isEqualTo(collector);
        }
    }

    @org.junit.jupiter.api.Test
    void theBaseRunsTheImageThatQuarkusNames() {
        Manifests dev = Manifests.of("dev");
        for (String service : Repo.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            String named = config.keys.get("quarkus.container-image.group") + "/"
                    + config.keys.get("quarkus.application.name") + ":" + System.getProperty("closeloop.version");
            assertThat(Workloads.container(dev.get("Deployment", service)).path("image").asText())
                    .as(service + " image").isEqualTo(named);
        }
    }

    @org.junit.jupiter.api.Test
    void devRunsOneOfEachAndProductionSpreadsReplicas() {
        Manifests dev = Manifests.of("dev");
        Manifests production = Manifests.of("production");
        for (String service : Repo.SERVICES) {
            assertThat(dev.get("Deployment", service).at("/spec/replicas").asInt()).isEqualTo(1);
            ObjectNode d = production.get("Deployment", service);
            assertThat(d.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
            JsonNode anti = d.at("/spec/template/spec/affinity/podAntiAffinity");
            assertThat(anti.toString()).as(service + " anti-affinity to itself")
                    .contains("kubernetes.io/hostname").contains("\"app.kubernetes.io/name\":\"" + service + "\"");
            assertThat(production.get("HorizontalPodAutoscaler", service).at("/spec/maxReplicas").asInt())
                    .isGreaterThan(dev.get("HorizontalPodAutoscaler", service).at("/spec/maxReplicas").asInt());
        }
        assertThat(dev.all("KafkaTopic")).allSatisfy(t -> assertThat(t.at("/spec/replicas").asInt()).isEqualTo(1));
        assertThat(production.all("KafkaTopic")).allSatisfy(t -> assertThat(t.at("/spec/replicas").asInt()).isEqualTo(3));
        assertThat(production.all("Cluster")).allSatisfy(c -> assertThat(c.at("/spec/instances").asInt()).isEqualTo(3));
        assertThat(production.get("Namespace", "closeloop")).isNotNull();
        assertThat(dev.get("Namespace", "closeloop-dev")).isNotNull();
    }

    private static String single(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
