package io.closeloop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closeloop.local.LocalInfra;
import io.closeloop.local.RealmImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The realm the Keycloak Operator would import, imported into the real local Keycloak: Keycloak
 * accepts it, and a service client then gets a token with the audience and roles the services expect.
 * It is imported under a throw-away name, with each placeholder filled as the operator would from its Secret.
 */
class RealmImportLiveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The local Keycloak's bootstrap administrator: a local-development default. */
    private static final String ADMIN = "admin";

    @Test
    void keycloakImportsTheRealmAndItsServiceClientsGetTokens() {
        LocalInfra.Endpoints infra = LocalInfra.ensureRunning();
        JsonNode spec = Manifests.of("production").get("KeycloakRealmImport", "closeloop").path("spec");
        String name = "import-check-" + UUID.randomUUID().toString().substring(0, 8);
        String realmText = spec.path("realm").toString();
        for (String placeholder : iterable(spec.path("placeholders").fieldNames())) {
            realmText = realmText.replace("${" + placeholder + "}", secretFor(placeholder));
        }
        ObjectNode realm = (ObjectNode) read(realmText);
        realm.put("realm", name);

        String admin = adminToken(infra.keycloakUrl());
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(infra.keycloakUrl() + "/admin/realms"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realm.toString())));
        try {
            assertThat(created.statusCode()).as("import answered " + created.body()).isEqualTo(201);
            for (String service : Repo.SERVICES) {
                JsonNode claims = claims(clientCredentialsToken(infra.keycloakUrl(), name, service,
                        secretFor(RealmImport.placeholderOf(service))));
                assertThat(claims.path("aud").toString()).as(service + " token audience").contains("\"closeloop\"");
                assertThat(claims.path("iss").asText()).endsWith("/realms/" + name);
            }
        } finally {
            send(HttpRequest.newBuilder(URI.create(infra.keycloakUrl() + "/admin/realms/" + name))
                    .header("Authorization", "Bearer " + admin).DELETE());
        }
    }

    private static String secretFor(String placeholder) {
        return "check-" + placeholder.toLowerCase(Locale.ROOT);
    }

    private static String adminToken(String keycloakUrl) {
        return token(keycloakUrl, "master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", ADMIN, "password", ADMIN));
    }

    private static String clientCredentialsToken(String keycloakUrl, String realm, String clientId, String secret) {
        return token(keycloakUrl, realm, Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret));
    }

    private static String token(String keycloakUrl, String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as("token for " + form.get("client_id") + ": " + response.body()).isEqualTo(200);
        return read(response.body()).path("access_token").asText();
    }

    private static JsonNode claims(String jwt) {
        return read(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
