package io.closeloop.chassis.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.closeloop.contracts.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who a named person is in Keycloak: looked up with the service's own service account through the Admin API, and
 * kept briefly so a form with several owners costs one look-up each.
 */
@ApplicationScoped
public class Directory {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Cached> people = new ConcurrentHashMap<>();
    private final String authServerUrl;
    private final String clientId;
    private final String secret;
    private final Clock clock;
    private volatile Token token;

    Directory(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.client-id") String clientId,
            @ConfigProperty(name = "quarkus.oidc.credentials.secret") String secret, Clock clock) {
        this.authServerUrl = authServerUrl;
        this.clientId = clientId;
        this.secret = secret;
        this.clock = clock;
    }

    public record Person(String id, String username, boolean enabled, Set<String> roles, Set<String> sites) {
    }

    private record Cached(Optional<Person> person, Instant until) {
    }

    private record Token(String value, Instant until) {
    }

    /** The person with exactly this username, or empty if there is none. */
    public Optional<Person> find(String username) {
        Instant now = clock.instant();
        Cached cached = people.get(username);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.person();
        }
        Optional<Person> person = lookUp(username);
        people.put(username, new Cached(person, now.plus(TTL)));
        return person;
    }

    private Optional<Person> lookUp(String username) {
        String admin = authServerUrl.replace("/realms/", "/admin/realms/");
        JsonNode users = get(admin + "/users?exact=true&briefRepresentation=false&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8));
        for (JsonNode user : users) {
            if (!username.equalsIgnoreCase(user.path("username").asText())) {
                continue;
            }
            String id = user.path("id").asText();
            Set<String> roles = new HashSet<>();
            get(admin + "/users/" + id + "/role-mappings/realm/composite")
                    .forEach(role -> roles.add(role.path("name").asText()));
            Set<String> sites = new HashSet<>();
            user.path("attributes").path("sites").forEach(site -> sites.add(site.asText()));
            return Optional.of(new Person(id, user.path("username").asText(), user.path("enabled").asBoolean(),
                    Set.copyOf(roles), Set.copyOf(sites)));
        }
        return Optional.empty();
    }

    private JsonNode get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + serviceToken())
                .timeout(Duration.ofSeconds(10))
                .GET().build();
        return send(request, "Keycloak user look-up");
    }

    private String serviceToken() {
        Token current = token;
        if (current != null && current.until().isAfter(clock.instant())) {
            return current.value();
        }
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(authServerUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        JsonNode body = send(request, "service account token");
        // Renew well before expiry so a look-up never carries a token about to lapse.
        long lifetime = Math.max(10, body.path("expires_in").asLong(60) - 30);
        current = new Token(body.path("access_token").asText(), clock.instant().plusSeconds(lifetime));
        token = current;
        return current.value();
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new DirectoryUnavailable(what + " answered " + response.statusCode());
            }
            return EventJson.tree(response.body());
        } catch (IOException e) {
            throw new DirectoryUnavailable(what + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryUnavailable(what + " was interrupted");
        }
    }
}
