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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Real access tokens from the local Keycloak, by the password grant of the public {@code console} client. */
public final class Tokens {

    /** The password of every demo user in the local-development realm. */
    public static final String DEMO_PASSWORD = "closeloop";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A token is fetched again when less than this is left of its life, so no caller holds an expiring one. */
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();

    private record Token(String value, Instant expires) {
    }

    private Tokens() {
    }

    /** A token for a demo user, reused until a minute before it expires (tokens live 15 minutes). */
    public static String of(String keycloakUrl, String username) {
        return CACHE.compute(keycloakUrl + "|" + username, (key, cached) ->
                cached != null && Instant.now().plus(MARGIN).isBefore(cached.expires())
                        ? cached : fetch(keycloakUrl, username)).value();
    }

    private static Token fetch(String keycloakUrl, String username) {
        String form = Map.of("grant_type", "password", "client_id", "console", "username", username,
                "password", DEMO_PASSWORD, "scope", "openid").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(keycloakUrl + "/realms/closeloop/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Instant asked = Instant.now();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + username + ": "
                        + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
            }
            JsonNode body = EventJson.tree(response.body());
            return new Token(body.get("access_token").asText(),
                    asked.plusSeconds(body.get("expires_in").asLong()));
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is unreachable at " + keycloakUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
