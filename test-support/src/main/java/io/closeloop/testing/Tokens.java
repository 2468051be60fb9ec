package io.closeloop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.closeloop.contracts.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Real access tokens from the local Keycloak, by the password grant of the public {@code console} client. */
public final class Tokens {

    /** The password of every demo user in the local-development realm. */
    public static final String DEMO_PASSWORD = "closeloop";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A token for a demo user, reused within a test run (tokens live 15 minutes). */
    public static String of(String keycloakUrl, String username) {
        return CACHE.computeIfAbsent(keycloakUrl + "|" + username, k -> fetch(keycloakUrl, username));
    }

    private static String fetch(String keycloakUrl, String username) {
        String form = Map.of("grant_type", "password", "client_id", "console", "username", username,
                "password", DEMO_PASSWORD, "scope", "openid").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(keycloakUrl + "/realms/closeloop/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + username + ": "
                        + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
            }
            JsonNode body = EventJson.tree(response.body());
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is unreachable at " + keycloakUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
