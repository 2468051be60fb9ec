package io.closeloop.e2e;

import io.closeloop.k8s.OverlayEnvironment;
import io.closeloop.local.LocalInfra;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration contract: each service runs with exactly the variables the dev overlay gives it, the values
 * that name cluster addresses pointed at the local infrastructure instead (and the HTTP port at a free one). A
 * variable the service needs that the overlay lacks makes the service fail here; k8s-check's
 * ConfigurationContractTest fails on one the overlay gives that the service ignores.
 */
final class DeploymentEnvironment {

    /** The variables that name the cluster's Kafka, database and Keycloak: the local ones stand in. */
    private static final Set<String> CLUSTER_ADDRESSES = Set.of("KAFKA_BOOTSTRAP_SERVERS",
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_OIDC_AUTH_SERVER_URL");

    private DeploymentEnvironment() {
    }

    static Map<String, String> of(String service, LocalInfra.Endpoints infra, String database) {
        Map<String, String> local = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", infra.postgresUser(),
                "QUARKUS_DATASOURCE_PASSWORD", infra.postgresPassword(),
                "QUARKUS_OIDC_AUTH_SERVER_URL", infra.authServerUrl());
        Map<String, String> given = OverlayEnvironment.of("dev", service);
        Set<String> missing = new TreeSet<>(CLUSTER_ADDRESSES);
        missing.removeAll(given.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The dev overlay no longer gives " + service + " " + missing);
        }
        Map<String, String> environment = new LinkedHashMap<>(given);
        environment.putAll(local);
        return environment;
    }
}
