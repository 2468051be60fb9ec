package io.closeloop.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closeloop.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Brings a running local platform up to the declared sites of a checkout, without a restart: a fresh start gets
 * them from the realm import and the KafkaUsers, but Keycloak imports a realm only once and the broker's ACLs were
 * made at its start. Creates each missing site client in Keycloak (from the checkout's realm file), the ACLs of
 * every KafkaUser (the same {@link KafkaSecurity#acls} the broker's start applies; Kafka keeps an ACL once), and
 * each site's topic. Nothing is removed.
 */
public final class LiveSites {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveSites() {
    }

    /** Applies the sites declared at {@code root} to the platform at {@code endpoints}; returns what it did. */
    public static List<String> apply(Path root, LocalInfra.Endpoints endpoints) {
        List<String> done = new ArrayList<>();
        JsonNode realm = readRealm(root);
        try (HttpClient http = HttpClient.newHttpClient()) {
            String admin = adminToken(http, endpoints);
            for (Sites.Site site : Sites.read(root)) {
                if (clientId(http, endpoints, admin, site.clientId()).isEmpty()) {
                    JsonNode client = clientOf(realm, site.clientId());
                    HttpResponse<String> created = send(http, request(endpoints, admin, "/clients")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(client.toString())));
                    if (created.statusCode() != 201) {
                        throw new IllegalStateException("Keycloak refused client " + site.clientId() + ": "
                                + created.statusCode() + " " + created.body());
                    }
                    done.add("created Keycloak client " + site.clientId());
                }
            }
        }
        KafkaSecurity.allowUrls(endpoints.authServerUrl());
        try (Admin kafka = Admin.create(KafkaSecurity.client(endpoints.kafkaBootstrapServers(),
                endpoints.authServerUrl(), KafkaSecurity.TOOLS_CLIENT))) {
            kafka.createAcls(KafkaSecurity.acls(KafkaSecurity.users(root))).all().get(30, TimeUnit.SECONDS);
            done.add("applied the ACLs of " + Path.of(SiteFiles.USERS).getFileName() + " and "
                    + Path.of(SiteFiles.SITE_USERS).getFileName());
            for (Sites.Site site : Sites.read(root)) {
                String topic = Topics.reportedBy(site.code());
                try {
                    kafka.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                            .all().get(30, TimeUnit.SECONDS);
                    done.add("created topic " + topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Applying the sites to " + endpoints.kafkaBootstrapServers() + " failed: "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return done;
    }

    /** The Keycloak id of the realm's client {@code clientId}, if it exists. */
    static Optional<String> clientId(HttpClient http, LocalInfra.Endpoints endpoints, String admin, String clientId) {
        HttpResponse<String> found = send(http, request(endpoints, admin,
                "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)).GET());
        if (found.statusCode() != 200) {
            throw new IllegalStateException("Keycloak answered " + found.statusCode() + ": " + found.body());
        }
        JsonNode clients = read(found.body());
        return clients.isEmpty() ? Optional.empty() : Optional.of(clients.get(0).path("id").asText());
    }

    static String adminToken(HttpClient http, LocalInfra.Endpoints endpoints) {
        String form = String.join("&", Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", KeycloakNode.ADMIN_USERNAME, "password", KeycloakNode.ADMIN_PASSWORD)
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(URI.create(endpoints.keycloakUrl()
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak's administrator token: " + response.statusCode());
        }
        return read(response.body()).path("access_token").asText();
    }

    static HttpRequest.Builder request(LocalInfra.Endpoints endpoints, String admin, String path) {
        return HttpRequest.newBuilder(URI.create(endpoints.keycloakUrl() + "/admin/realms/" + endpoints.realm() + path))
                .header("Authorization", "Bearer " + admin);
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode clientOf(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new IllegalStateException("No client " + clientId + " in " + SiteFiles.REALM + ": " + SiteFiles.COMMAND);
    }

    private static JsonNode readRealm(Path root) {
        try {
            return JSON.readTree(root.resolve(SiteFiles.REALM).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
