package io.closeloop.e2e;

import io.closeloop.local.LocalInfra;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole platform for this test JVM: shared infrastructure, fresh databases, four service processes. */
final class Platform {

    static final List<String> SERVICES = List.of("incident-service", "accountability-service", "action-service",
            "verification-service");

    /**
     * What the end-to-end run sets beyond the dev overlay's variables ({@link DeploymentEnvironment}): the stages
     * whose rules wait for time to pass (due dates, weekly packs) get a clock the scenarios move forward, and
     * escalation runs every second.
     */
    private static final Map<String, Map<String, String>> SETTINGS = Map.of(
            "accountability-service", Map.of("CLOSELOOP_CLOCK_CONTROLLABLE", "true",
                    "CLOSELOOP_ACCOUNTABILITY_ESCALATION_EVERY", "1s"),
            "action-service", Map.of("CLOSELOOP_CLOCK_CONTROLLABLE", "true"));

    private static Platform started;

    private ServiceProcess console;

    final LocalInfra.Endpoints infra;
    private final Map<String, ServiceProcess> services;

    private Platform(LocalInfra.Endpoints infra, Map<String, ServiceProcess> services) {
        this.infra = infra;
        this.services = services;
    }

    static synchronized Platform get() throws Exception {
        if (started == null) {
            started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.services.values().forEach(ServiceProcess::stop);
                if (started.console != null) {
                    started.console.stop();
                }
            }));
        }
        return started;
    }

    String url(String service) {
        return services.get(service).url();
    }

    /** The web console, started on first use: it calls the four services with the signed-in user's token. */
    synchronized String console() throws Exception {
        if (console == null) {
            Path root = Path.of(System.getProperty("closeloop.checkout", "..")).toAbsolutePath().normalize();
            console = ServiceProcess.start(root, "console", Map.of(
                    "QUARKUS_OIDC_AUTH_SERVER_URL", infra.authServerUrl(),
                    "CLOSELOOP_CONSOLE_SERVICES_INCIDENT", url("incident-service"),
                    "CLOSELOOP_CONSOLE_SERVICES_ACCOUNTABILITY", url("accountability-service"),
                    "CLOSELOOP_CONSOLE_SERVICES_ACTION", url("action-service"),
                    "CLOSELOOP_CONSOLE_SERVICES_VERIFICATION", url("verification-service")));
            console.awaitReady(Duration.ofSeconds(120));
        }
        return console.url();
    }

    String kafka() {
        return infra.kafkaBootstrapServers();
    }

    String keycloak() {
        return infra.keycloakUrl();
    }

    private static Platform start() throws Exception {
        Path root = Path.of(System.getProperty("closeloop.checkout", "..")).toAbsolutePath().normalize();
        LocalInfra.Endpoints infra = LocalInfra.ensureRunning();
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        List<ServiceProcess> starting = new ArrayList<>();
        for (String service : SERVICES) {
            String database = "e2e_" + service.substring(0, service.indexOf('-'));
            LocalInfra.recreateDatabase(database);
            Map<String, String> environment = new HashMap<>(DeploymentEnvironment.of(service, infra, database));
            environment.putAll(SETTINGS.getOrDefault(service, Map.of()));
            ServiceProcess process = ServiceProcess.start(root, service, environment);
            services.put(service, process);
            starting.add(process);
        }
        for (ServiceProcess process : starting) {
            process.awaitReady(Duration.ofSeconds(180));
        }
        System.out.println("e2e platform ready: " + services.keySet());
        return new Platform(infra, services);
    }
}
