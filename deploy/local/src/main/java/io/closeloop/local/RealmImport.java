package io.closeloop.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the KeycloakRealmImport of deploy/k8s from the local realm: the same roles, clients, mappers
 * and user profile, without the demo people and the local broker's own principals, with each client secret taken from a Secret through an
 * operator placeholder, and with the console client limited to the public address (no password grant).
 * {@link SiteFiles} writes it with the other generated files.
 */
public final class RealmImport {

    public static final String SOURCE = "deploy/keycloak/closeloop-realm.json";
    public static final String TARGET = "deploy/k8s/base/keycloak/realm-import.yaml";
    public static final String CONSOLE_URL = "https://closeloop.example.org";
    /** Principals of the local broker only: in a cluster Strimzi's brokers and operators have their own. */
    public static final Set<String> LOCAL_ONLY_CLIENTS = Set.of(KafkaSecurity.BROKER_CLIENT, KafkaSecurity.TOOLS_CLIENT);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private RealmImport() {
    }

    public static String placeholderOf(String clientId) {
        return clientId.toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
    }

    public static String secretOf(String clientId) {
        return clientId + "-oidc";
    }

    /** The import of {@code sourceRealm} (the local realm file's content, left unchanged). */
    public static String generate(ObjectNode sourceRealm) {
        ObjectNode realm = sourceRealm.deepCopy();
        ObjectNode placeholders = JSON.createObjectNode();
        realm.put("displayName", "Closeloop");

        ArrayNode serviceAccounts = JSON.createArrayNode();
        for (JsonNode user : realm.withArray("users")) {
            if (user.hasNonNull("serviceAccountClientId")
                    && !LOCAL_ONLY_CLIENTS.contains(user.path("serviceAccountClientId").asText())) {
                serviceAccounts.add(user);
            }
        }
        realm.set("users", serviceAccounts);

        ArrayNode clients = realm.withArray("clients");
        for (int i = clients.size() - 1; i >= 0; i--) {
            if (LOCAL_ONLY_CLIENTS.contains(clients.get(i).path("clientId").asText())) {
                clients.remove(i);
            }
        }
        for (JsonNode node : clients) {
            ObjectNode client = (ObjectNode) node;
            String clientId = client.path("clientId").asText();
            if (client.has("secret")) {
                String placeholder = placeholderOf(clientId);
                client.put("secret", "${" + placeholder + "}");
                client.put("description", "Confidential client of " + clientId
                        + ", with a service account. The secret comes from the Secret " + secretOf(clientId) + ".");
                placeholders.putObject(placeholder).putObject("secret")
                        .put("name", secretOf(clientId)).put("key", "client-secret");
            } else if (client.path("publicClient").asBoolean()) {
                client.put("description", "Public browser client with PKCE (S256), served at " + CONSOLE_URL + ".");
                client.put("directAccessGrantsEnabled", false);
                client.set("redirectUris", JSON.createArrayNode().add(CONSOLE_URL + "/*"));
                client.set("webOrigins", JSON.createArrayNode().add(CONSOLE_URL));
                client.with("attributes").put("post.logout.redirect.uris", CONSOLE_URL + "/*");
            }
        }

        ObjectNode resource = JSON.createObjectNode();
        resource.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        resource.put("kind", "KeycloakRealmImport");
        resource.putObject("metadata").put("name", realm.path("realm").asText());
        ObjectNode spec = resource.putObject("spec");
        spec.put("keycloakCRName", "keycloak");
        spec.set("placeholders", placeholders);
        spec.set("realm", realm);
        try {
            return "# GENERATED from " + SOURCE + " by ./closeloop generate: do not edit.\n"
                    + "# The demo users are left out; the operator only creates the realm, it never updates it.\n"
                    + YAML.writeValueAsString(resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
