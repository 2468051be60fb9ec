package io.closeloop.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the shared local Kafka, PostgreSQL and Keycloak.
 *
 * <pre>
 * &#64;QuarkusTestResource(value = LocalInfraTestResource.class,
 *         initArgs = &#64;ResourceArg(name = "database", value = "incident_test"))
 * </pre>
 * The {@code database} argument, if given, names a database that is dropped and created empty at start.
 * The infrastructure outlives the test: other test JVMs of the same build reuse it.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        LocalInfra.Endpoints endpoints = LocalInfra.ensureRunning();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", endpoints.kafkaBootstrapServers());
        config.put("quarkus.oidc.auth-server-url", endpoints.authServerUrl());
        config.put("closeloop.keycloak.url", endpoints.keycloakUrl());
        if (database != null) {
            LocalInfra.recreateDatabase(database);
            config.put("quarkus.datasource.jdbc.url", endpoints.jdbcUrl(database));
            config.put("quarkus.datasource.username", endpoints.postgresUser());
            config.put("quarkus.datasource.password", endpoints.postgresPassword());
        }
        return config;
    }

    @Override
    public void stop() {
        // Shared with later test classes and modules; it stops when the build does.
    }
}
