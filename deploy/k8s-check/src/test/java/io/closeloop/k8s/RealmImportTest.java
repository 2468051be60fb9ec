package io.closeloop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closeloop.local.RealmImport;
import io.closeloop.local.SiteFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class RealmImportTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    @org.junit.jupiter.api.Test
    void theCommittedImportIsTheOneBuiltFromTheLocalRealm() {
        assertThat(Repo.read(Repo.ROOT.resolve(RealmImport.TARGET)))
                .as("%s is stale: regenerate it with %s", RealmImport.TARGET, SiteFiles.COMMAND)
                .isEqualTo(RealmImport.generate(sourceRealm()));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void holdsNoDemoUserNoPasswordAndNoLocalSecret(String overlay) {
        JsonNode realm = Manifests.of(overlay).get("KeycloakRealmImport", "closeloop").path("spec").path("realm");
        String text = realm.toString();

        Set<String> demoUsers = new TreeSet<>();
        sourceRealm().withArray("users").forEach(u -> {
            if (!u.hasNonNull("serviceAccountClientId")) {
                demoUsers.add(u.path("username").asText());
            }
        });
        assertThat(demoUsers).as("the local realm's demo users").isNotEmpty();

        Set<String> users = names(realm.path("users"), "username");
        assertThat(users).as("users of the import").isNotEmpty().doesNotContainAnyElementsOf(demoUsers)
                .allMatch(u -> u.startsWith("service-account-"));
        realm.path("users").forEach(user -> assertThat(user.hasNonNull("serviceAccountClientId"))
                .as("user %s is a service account", user.path("username").asText()).isTrue());
        assertThat(realm.findValues("credentials")).as("credentials").isEmpty();
        assertThat(realm.findValues("email")).as("e-mail addresses").isEmpty();
        assertThat(text.contains("local-dev-only")).as("a local-development secret in the import").isFalse();
        assertThat(text.contains("local development")).as("local-development wording in the import").isFalse();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void keepsEveryRoleClientAndServiceAccountAndFillsEverySecretFromAPlaceholder(String overlay) {
        JsonNode spec = Manifests.of(overlay).get("KeycloakRealmImport", "closeloop").path("spec");
        JsonNode realm = spec.path("realm");
        JsonNode source = sourceRealm();

        assertThat(names(realm.path("roles").path("realm"), "name")).isEqualTo(names(source.path("roles").path("realm"), "name"));
        Set<String> deployed = names(source.path("clients"), "clientId");
        deployed.removeAll(RealmImport.LOCAL_ONLY_CLIENTS);
        assertThat(names(realm.path("clients"), "clientId")).isEqualTo(deployed)
                .doesNotContainAnyElementsOf(RealmImport.LOCAL_ONLY_CLIENTS);
        for (String service : Repo.SERVICES) {
            assertThat(names(realm.path("users"), "serviceAccountClientId")).contains(service);
        }

        Set<String> used = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(realm.toString());
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> declared = new TreeSet<>();
        spec.path("placeholders").fieldNames().forEachRemaining(declared::add);
        assertThat(used).as("placeholders in the realm").isNotEmpty().isEqualTo(declared);
        realm.path("clients").forEach(client -> {
            if (client.has("secret")) {
                assertThat(client.path("secret").asText()).matches(PLACEHOLDER.pattern());
            }
        });
    }

    static ObjectNode sourceRealm() {
        try {
            return (ObjectNode) new ObjectMapper().readTree(Repo.ROOT.resolve(RealmImport.SOURCE).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(JsonNode array, String field) {
        Set<String> names = new TreeSet<>();
        array.forEach(n -> {
            if (n.hasNonNull(field)) {
                names.add(n.path(field).asText());
            }
        });
        return names;
    }
}
