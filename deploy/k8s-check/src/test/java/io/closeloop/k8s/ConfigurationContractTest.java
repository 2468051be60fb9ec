package io.closeloop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The dev overlay gives each service exactly the environment it reads: no name the service ignores,
 * none it needs missing. "Reads" is what its application.properties and the chassis defaults define
 * (Quarkus maps QUARKUS_DATASOURCE_JDBC_URL to quarkus.datasource.jdbc.url); "needs" is every key
 * whose local value points at local infrastructure, or whose comment says a deployment sets it, and
 * the HTTP port.
 */
class ConfigurationContractTest {

    static final java.util.List<String> SERVICES = Repo.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theDevOverlayGivesExactlyTheNamesTheServiceReads(String service) {
        Manifests dev = Manifests.of("dev");
        ObjectNode deployment = dev.get("Deployment", service);
        Set<String> given = Workloads.env(dev, deployment).stream().map(Workloads.Env::name)
                .collect(Collectors.toCollection(TreeSet::new));
        ServiceConfig config = ServiceConfig.of(service);
        Map<String, String> read = config.byEnvName();

        assertThat(given).as("variables %s gives that %s does not read", "dev", service)
                .allSatisfy(name -> assertThat(read).containsKey(name));
        Set<String> needed = config.deploymentKeys.stream().map(ServiceConfig::envName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(given).as("variables %s needs from a deployment", service).containsAll(needed);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void secretsComeFromSecretsAndNothingElseDoes(String service) {
        Manifests dev = Manifests.of("dev");
        for (Workloads.Env env : Workloads.env(dev, dev.get("Deployment", service))) {
            boolean secretLike = env.name().contains("PASSWORD") || env.name().contains("SECRET") || env.name().endsWith("USERNAME");
            assertThat(env.secret() != null).as(service + " " + env.name() + " from a Secret").isEqualTo(secretLike);
        }
    }

    @org.junit.jupiter.api.Test
    void aNameTheServiceDoesNotReadIsCaught() {
        ServiceConfig config = ServiceConfig.of("incident-service");
        assertThat(config.byEnvName()).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_OIDC_CREDENTIALS_SECRET", "CLOSELOOP_INCIDENT_SITES");
        assertThat(config.byEnvName()).doesNotContainKeys("KAFKA_BOOTSTRAP_SERVER", "CLOSELOOP_SITES");
        assertThat(config.deploymentKeys).contains("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url",
                "quarkus.datasource.password", "quarkus.oidc.auth-server-url", "quarkus.oidc.credentials.secret",
                "closeloop.incident.sites", "quarkus.http.port");
        assertThat(ServiceConfig.of("action-service").byEnvName()).doesNotContainKey("CLOSELOOP_INCIDENT_SITES");
    }
}
