package io.closeloop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The objects of an overlay point at each other and at the services correctly. */
class CrossReferencesTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void selectorsMatchThePodsTheyMean(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, Map<String, String>> pods = Workloads.pods(m);
        List<String> problems = new ArrayList<>();

        for (ObjectNode d : m.all("Deployment")) {
            if (!Workloads.selects(d.at("/spec/selector/matchLabels"), Workloads.labels(d.at("/spec/template/metadata/labels")))) {
                problems.add(Manifests.id(d) + ": its selector does not match its own pods");
            }
        }
        for (String kind : List.of("Service", "PodDisruptionBudget", "NetworkPolicy")) {
            for (ObjectNode o : m.all(kind)) {
                JsonNode selector = kind.equals("Service") ? o.at("/spec/selector")
                        : kind.equals("NetworkPolicy") ? o.at("/spec/podSelector/matchLabels") : o.at("/spec/selector/matchLabels");
                long matched = pods.values().stream().filter(p -> Workloads.selects(selector, p)).count();
                if (matched != 1) {
                    problems.add(Manifests.id(o) + ": selects " + matched + " kinds of pod, not one: " + selector);
                }
            }
        }
        for (ObjectNode policy : m.all("NetworkPolicy")) {
            for (String direction : List.of("ingress/from", "egress/to")) {
                String[] parts = direction.split("/");
                for (JsonNode rule : policy.at("/spec/" + parts[0])) {
                    for (JsonNode peer : rule.path(parts[1])) {
                        JsonNode selector = peer.at("/podSelector/matchLabels");
                        if (peer.has("namespaceSelector") || selector.isMissingNode()) {
                            continue;
                        }
                        if (pods.values().stream().noneMatch(p -> Workloads.selects(selector, p))) {
                            problems.add(Manifests.id(policy) + ": " + parts[0] + " peer " + selector + " matches no pod");
                        }
                    }
                }
            }
        }
        for (ObjectNode hpa : m.all("HorizontalPodAutoscaler")) {
            String target = hpa.at("/spec/scaleTargetRef/name").asText();
            if (m.find(hpa.at("/spec/scaleTargetRef/kind").asText(), target).isEmpty()) {
                problems.add(Manifests.id(hpa) + ": scales " + target + ", which is not there");
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void portsAgreeFromConfigurationToContainerServiceProbesAndPolicy(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String service : Repo.SERVICES) {
            ObjectNode d = m.get("Deployment", service);
            int http = Workloads.httpPort(d);
            assertThat(Integer.parseInt(Workloads.value(m, d, "QUARKUS_HTTP_PORT"))).as(service + " listens on").isEqualTo(http);
            assertThat(d.at("/spec/template/metadata/annotations").path("prometheus.io/port").asText())
                    .isEqualTo(String.valueOf(http));

            ObjectNode svc = m.get("Service", service);
            svc.at("/spec/ports").forEach(p -> assertThat(Workloads.resolvePort(d, p.path("targetPort")))
                    .as("Service %s targets", service).isEqualTo(http));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(Workloads.resolvePort(d, Workloads.container(d).at("/" + probe + "/httpGet/port")))
                        .as(service + " " + probe).isEqualTo(http);
            }
            ObjectNode policy = m.get("NetworkPolicy", service);
            Set<Integer> ingress = new TreeSet<>();
            policy.at("/spec/ingress").forEach(r -> r.path("ports").forEach(p -> ingress.add(p.path("port").asInt())));
            assertThat(ingress).as(service + " may be reached on").containsExactly(http);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyAddressAServiceIsGivenLeadsToARenderedBackendItsPolicyLetsItReach(String overlay) {
        Manifests m = Manifests.of(overlay);
        ObjectNode kafka = m.all("Kafka").getFirst();
        int kafkaPort = kafka.at("/spec/kafka/listeners/0/port").asInt();
        ObjectNode keycloak = m.get("Keycloak", "keycloak");
        int keycloakPort = keycloak.at("/spec/http/httpPort").asInt();
        ObjectNode realmImport = m.get("KeycloakRealmImport", "closeloop");

        for (String service : Repo.SERVICES) {
            ObjectNode d = m.get("Deployment", service);
            assertThat(Workloads.value(m, d, "KAFKA_BOOTSTRAP_SERVERS"))
                    .isEqualTo(Manifests.name(kafka) + "-kafka-bootstrap:" + kafkaPort);

            Matcher jdbc = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw:5432/([a-z0-9_]+)")
                    .matcher(Workloads.value(m, d, "QUARKUS_DATASOURCE_JDBC_URL"));
            assertThat(jdbc.matches()).as(service + " JDBC URL").isTrue();
            ObjectNode db = m.get("Cluster", jdbc.group(1));
            assertThat(db.at("/spec/bootstrap/initdb/database").asText()).isEqualTo(jdbc.group(2));
            String dbSecret = db.at("/spec/bootstrap/initdb/secret/name").asText();
            assertThat(Workloads.variable(m, d, "QUARKUS_DATASOURCE_USERNAME"))
                    .extracting(Workloads.Env::secret, Workloads.Env::key).containsExactly(dbSecret, "username");
            assertThat(Workloads.variable(m, d, "QUARKUS_DATASOURCE_PASSWORD"))
                    .extracting(Workloads.Env::secret, Workloads.Env::key).containsExactly(dbSecret, "password");

            assertThat(Workloads.value(m, d, "QUARKUS_OIDC_AUTH_SERVER_URL")).isEqualTo("http://" + Manifests.name(keycloak)
                    + "-service:" + keycloakPort + "/realms/" + realmImport.at("/spec/realm/realm").asText());
            String clientId = Workloads.value(m, d, "QUARKUS_OIDC_CLIENT_ID");
            JsonNode client = null;
            for (JsonNode c : realmImport.at("/spec/realm/clients")) {
                if (c.path("clientId").asText().equals(clientId)) {
                    client = c;
                }
            }
            assertThat(client).as("client " + clientId + " in the realm import").isNotNull();
            String placeholder = client.path("secret").asText().replaceAll("^\\$\\{(.*)}$", "$1");
            JsonNode secretRef = realmImport.at("/spec/placeholders/" + placeholder + "/secret");
            assertThat(Workloads.variable(m, d, "QUARKUS_OIDC_CREDENTIALS_SECRET"))
                    .as(service + " presents the secret Keycloak was given")
                    .extracting(Workloads.Env::secret, Workloads.Env::key)
                    .containsExactly(secretRef.path("name").asText(), secretRef.path("key").asText());

            ObjectNode policy = m.get("NetworkPolicy", service);
            assertThat(egressAllows(policy, Map.of("strimzi.io/cluster", Manifests.name(kafka), "strimzi.io/broker-role", "true"), kafkaPort))
                    .as(service + " may reach the brokers").isTrue();
            assertThat(egressAllows(policy, Map.of("cnpg.io/cluster", Manifests.name(db)), 5432))
                    .as(service + " may reach its database").isTrue();
            assertThat(egressAllows(policy, Map.of("app", "keycloak", "app.kubernetes.io/instance", Manifests.name(keycloak)), keycloakPort))
                    .as(service + " may reach Keycloak").isTrue();
            for (ObjectNode other : m.all("Cluster")) {
                if (other != db) {
                    assertThat(egressAllows(policy, Map.of("cnpg.io/cluster", Manifests.name(other)), 5432))
                            .as(service + " may not reach " + Manifests.name(other)).isFalse();
                }
            }
        }
    }

    private static boolean egressAllows(ObjectNode policy, Map<String, String> podLabels, int port) {
        for (JsonNode rule : policy.at("/spec/egress")) {
            boolean portOk = false;
            for (JsonNode p : rule.path("ports")) {
                portOk |= p.path("port").asInt() == port;
            }
            for (JsonNode peer : rule.path("to")) {
                if (portOk && !peer.has("namespaceSelector") && Workloads.selects(peer.at("/podSelector/matchLabels"), podLabels)) {
                    return true;
                }
            }
        }
        return false;
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void probesAndScrapingHitEndpointsTheServicesServe(String overlay) {
        Manifests m = Manifests.of(overlay);
        String parent = Repo.read(Repo.ROOT.resolve("service-parent/pom.xml"));
        assertThat(parent).as("SmallRye Health serves /q/health/*").contains("<artifactId>quarkus-smallrye-health</artifactId>");
        assertThat(parent).as("Micrometer's Prometheus registry serves /q/metrics")
                .contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>");
        for (String service : Repo.SERVICES) {
            assertThat(Repo.read(Repo.service(service).resolve("pom.xml"))).contains("<artifactId>closeloop-service-parent</artifactId>");
            ServiceConfig config = ServiceConfig.of(service);
            assertThat(config.keys).as(service + " keeps the endpoints where Quarkus puts them")
                    .doesNotContainKeys("quarkus.http.root-path", "quarkus.http.non-application-root-path",
                            "quarkus.smallrye-health.root-path", "quarkus.micrometer.export.prometheus.path",
                            "quarkus.management.enabled");

            JsonNode c = Workloads.container(m.get("Deployment", service));
            assertThat(c.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(m.get("Deployment", service).at("/spec/template/metadata/annotations").path("prometheus.io/path").asText())
                    .isEqualTo("/q/metrics");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everySecretAndConfigMapKeyReferencedIsDefinedOrDocumentedAsRequired(String overlay) {
        everySecretAndConfigMapKeyReferencedIsDefinedOrDocumentedAsRequired(Manifests.of(overlay), Manifests.of("dev"));
    }

    static void everySecretAndConfigMapKeyReferencedIsDefinedOrDocumentedAsRequired(Manifests m, Manifests dev) {
        String overlay = m.overlay;
        Set<String> referencedSecrets = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Ref ref : references(m)) {
            if (ref.kind().equals("Secret")) {
                referencedSecrets.add(ref.name() + "/" + ref.key());
            }
            var object = m.find(ref.kind(), ref.name());
            if (object.isEmpty()) {
                if (ref.kind().equals("ConfigMap") || overlay.equals("dev")) {
                    problems.add(ref + ": no such " + ref.kind());
                }
            } else if (ref.key() != null && !object.get().path("data").has(ref.key())
                    && !object.get().path("stringData").has(ref.key())) {
                problems.add(ref + ": no key " + ref.key());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(referencedSecrets).hasSizeGreaterThanOrEqualTo(9);

        if (overlay.equals("production")) {
            assertThat(m.all("Secret")).as("Secrets with values in the production overlay").isEmpty();
            String readme = Repo.read(Repo.K8S.resolve("README.md"));
            for (String secret : referencedSecrets) {
                // One row stands for every site's Secret: adding a site does not change the README.
                String listed = SITE_SECRET.matcher(secret).replaceFirst("site-<code>-oidc/client-secret");
                assertThat(readme).as("deploy/k8s/README.md lists the required Secret key " + listed)
                        .contains("`" + listed + "`");
            }
            Set<String> devSecrets = new TreeSet<>();
            for (Ref ref : references(dev)) {
                if (ref.kind().equals("Secret")) {
                    devSecrets.add(ref.name() + "/" + ref.key());
                }
            }
            assertThat(referencedSecrets).as("production needs the Secrets dev defines").isEqualTo(devSecrets);
        } else {
            m.all("Secret").forEach(s -> assertThat(s.at("/metadata/labels").path("closeloop.io/values").asText())
                    .as(Manifests.id(s)).isEqualTo("local-development-only"));
        }
    }

    private static final Pattern SITE_SECRET = Pattern.compile("^site-[a-z0-9-]+-oidc/client-secret$");

    record Ref(String from, String kind, String name, String key) {
    }

    /** Every Secret or ConfigMap (and key) that a pod or an operator will look up. */
    static List<Ref> references(Manifests m) {
        List<Ref> refs = new ArrayList<>();
        for (ObjectNode d : m.all("Deployment")) {
            JsonNode spec = d.at("/spec/template/spec");
            for (JsonNode c : spec.path("containers")) {
                c.path("envFrom").forEach(f -> {
                    if (f.has("configMapRef")) {
                        refs.add(new Ref(Manifests.id(d), "ConfigMap", f.at("/configMapRef/name").asText(), null));
                    }
                    if (f.has("secretRef")) {
                        refs.add(new Ref(Manifests.id(d), "Secret", f.at("/secretRef/name").asText(), null));
                    }
                });
                c.path("env").forEach(e -> {
                    JsonNode s = e.at("/valueFrom/secretKeyRef");
                    JsonNode cm = e.at("/valueFrom/configMapKeyRef");
                    if (!s.isMissingNode()) {
                        refs.add(new Ref(Manifests.id(d), "Secret", s.path("name").asText(), s.path("key").asText()));
                    }
                    if (!cm.isMissingNode()) {
                        refs.add(new Ref(Manifests.id(d), "ConfigMap", cm.path("name").asText(), cm.path("key").asText()));
                    }
                });
            }
            spec.path("volumes").forEach(v -> {
                if (v.has("secret")) {
                    refs.add(new Ref(Manifests.id(d), "Secret", v.at("/secret/secretName").asText(), null));
                }
                if (v.has("configMap")) {
                    refs.add(new Ref(Manifests.id(d), "ConfigMap", v.at("/configMap/name").asText(), null));
                }
            });
        }
        for (ObjectNode c : m.all("Cluster")) {
            String secret = c.at("/spec/bootstrap/initdb/secret/name").asText();
            refs.add(new Ref(Manifests.id(c), "Secret", secret, "username"));
            refs.add(new Ref(Manifests.id(c), "Secret", secret, "password"));
        }
        for (ObjectNode k : m.all("Keycloak")) {
            for (String field : List.of("usernameSecret", "passwordSecret")) {
                JsonNode s = k.at("/spec/db/" + field);
                refs.add(new Ref(Manifests.id(k), "Secret", s.path("name").asText(), s.path("key").asText()));
            }
        }
        for (ObjectNode r : m.all("KeycloakRealmImport")) {
            r.at("/spec/placeholders").forEach(p -> refs.add(new Ref(Manifests.id(r), "Secret",
                    p.at("/secret/name").asText(), p.at("/secret/key").asText())));
        }
        return refs;
    }
}
