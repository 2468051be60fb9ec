package io.closeloop.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** What the local run tells about the realm it imports: read from the realm file, not repeated here. */
final class Realm {

    record DemoUser(String username, String password, List<String> roles, List<String> sites) {
    }

    private final JsonNode realm;

    private Realm(JsonNode realm) {
        this.realm = realm;
    }

    static Realm local() {
        try (InputStream in = Realm.class.getResourceAsStream("closeloop-realm.json")) {
            return new Realm(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<DemoUser> demoUsers() {
        return elements(realm.path("users"))
                .filter(user -> !user.has("serviceAccountClientId"))
                .map(user -> new DemoUser(
                        user.path("username").asText(),
                        user.path("credentials").path(0).path("value").asText(),
                        texts(user.path("realmRoles")),
                        texts(user.path("attributes").path("sites"))))
                .toList();
    }

    /** The confidential clients (those with a secret): services, sites and the local-only principals. */
    List<String> confidentialClients() {
        return elements(realm.path("clients"))
                .filter(client -> client.hasNonNull("secret"))
                .map(client -> client.path("clientId").asText())
                .toList();
    }

    /** The local realm's development default: every confidential client's secret follows this rule. */
    static String localSecret(String clientId) {
        return "local-dev-only-" + clientId + "-secret";
    }

    String clientSecret(String clientId) {
        return elements(realm.path("clients"))
                .filter(client -> clientId.equals(client.path("clientId").asText()))
                .map(client -> client.path("secret").asText())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No client " + clientId + " in the realm"));
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static List<String> texts(JsonNode array) {
        return elements(array).map(JsonNode::asText).toList();
    }
}
