package io.closeloop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class StrictModelsTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectOfTheOverlayParsesStrictlyAgainstItsModel(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        assertThat(manifests.objects).hasSizeGreaterThan(50);
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : manifests.objects) {
            StrictModels.problems(object).forEach(p -> problems.add(Manifests.id(object) + ": " + p));
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    @Test
    void aMisspelledFieldFailsInEveryKindOfModel() {
        Manifests dev = Manifests.of("dev");
        List<ObjectNode> samples = List.of(
                dev.get("Deployment", "incident-service"),
                dev.get("HorizontalPodAutoscaler", "incident-service"),
                dev.get("Kafka", "closeloop"),
                dev.get("KafkaUser", "incident-service"),
                dev.get("Keycloak", "keycloak"),
                dev.get("KeycloakRealmImport", "closeloop"),
                dev.get("Cluster", "incident-db"));
        for (ObjectNode sample : samples) {
            assertThat(StrictModels.problems(sample)).as(Manifests.id(sample)).isEmpty();
            ObjectNode typo = sample.deepCopy();
            ((ObjectNode) typo.path("spec")).put("replicaz", 2);
            assertThat(StrictModels.problems(typo)).as("typo in " + Manifests.id(sample)).isNotEmpty();
        }

        ObjectNode nested = dev.get("Deployment", "incident-service").deepCopy();
        ((ObjectNode) nested.at("/spec/template/spec/containers/0/readinessProbe")).put("periodSecond", 5);
        assertThat(StrictModels.problems(nested)).isNotEmpty();

        ObjectNode acl = dev.get("KafkaUser", "incident-service").deepCopy();
        ((ObjectNode) acl.at("/spec/authorization/acls/0/resource")).put("patern", "literal");
        assertThat(StrictModels.problems(acl)).isNotEmpty();

        ObjectNode operation = dev.get("KafkaUser", "incident-service").deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) operation.at("/spec/authorization/acls/0/operations")).add("Reed");
        assertThat(StrictModels.problems(operation)).isNotEmpty();

        ObjectNode db = dev.get("Cluster", "incident-db").deepCopy();
        ((ObjectNode) db.at("/spec/bootstrap/initdb")).put("ownr", "x");
        assertThat(StrictModels.problems(db)).isNotEmpty();
    }

    @Test
    void anUnknownKindIsRefused() {
        ObjectNode unknown = Manifests.YAML.createObjectNode();
        unknown.put("apiVersion", "monitoring.coreos.com/v1").put("kind", "ServiceMonitor");
        assertThat(StrictModels.problems(unknown)).singleElement().asString().contains("no model known");
    }
}
