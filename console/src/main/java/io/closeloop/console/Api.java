package io.closeloop.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Calls a stage service as the signed-in user: the access token from the console's login goes out as the bearer
 * token, so each service applies its own roles and site scoping to the user, never to the console.
 */
@RequestScoped
public class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_PAGES = 25;

    /** A service's answer to a change: its body, or the refusal to show beside the form. */
    public record Reply(int status, Object body, Problem problem) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return (Map<String, Object>) body;
        }
    }

    private final ConsoleConfig config;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    Api(ConsoleConfig config, SecurityIdentity identity, ObjectMapper json) {
        this.config = config;
        this.identity = identity;
        this.json = json;
    }

    /** Encodes one path segment. */
    public static String seg(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query string from name/value pairs; blank values are left out. */
    public static String query(Object... pairs) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value != null && !String.valueOf(value).isBlank()) {
                q.add(pairs[i] + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object(Backend backend, String path) {
        return (Map<String, Object>) read(backend, path);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(Backend backend, String path) {
        return (List<Map<String, Object>>) read(backend, path);
    }

    /** The items of a paged list, first page only. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items(Backend backend, String path) {
        return (List<Map<String, Object>>) object(backend, path).get("items");
    }

    /** Every item of a paged list (bounded), for figures that need the whole set. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> all(Backend backend, String path) {
        List<Map<String, Object>> all = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, Object> result = object(backend, path + separator + "size=200&page=" + page);
            List<Map<String, Object>> items = (List<Map<String, Object>>) result.get("items");
            all.addAll(items);
            boolean exact = !Boolean.FALSE.equals(result.get("totalExact"));
            if (items.isEmpty() || exact && all.size() >= ((Number) result.get("total")).longValue()) {
                break;
            }
        }
        return all;
    }

    /** A read the user may not be allowed: null instead of an error when the service says 403 or 404. */
    public Object readIfAllowed(Backend backend, String path) {
        Reply reply = call("GET", backend, path, null, "application/json");
        if (reply.status() == 403 || reply.status() == 404) {
            return null;
        }
        if (!reply.ok()) {
            throw new ApiException("GET " + path, reply.problem());
        }
        return reply.body();
    }

    public Object read(Backend backend, String path) {
        Reply reply = call("GET", backend, path, null, "application/json");
        if (!reply.ok()) {
            throw new ApiException("GET " + path, reply.problem());
        }
        return reply.body();
    }

    /** A document the service renders itself, such as the closure report. */
    public HttpResponse<String> raw(Backend backend, String path, String accept) {
        return send(request(backend, path, accept).GET().build());
    }

    public Reply post(Backend backend, String path, Object body) {
        return call("POST", backend, path, body, "application/json");
    }

    public Reply put(Backend backend, String path, Object body) {
        return call("PUT", backend, path, body, "application/json");
    }

    public Reply delete(Backend backend, String path) {
        return call("DELETE", backend, path, null, "application/json");
    }

    private Reply call(String method, Backend backend, String path, Object body, String accept) {
        HttpRequest.Builder request = request(backend, path, accept);
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = send(request.build());
            Object parsed = response.body() == null || response.body().isBlank() ? null
                    : json.readValue(response.body(), new TypeReference<Object>() { });
            int status = response.statusCode();
            return new Reply(status, parsed, status >= 400 ? Problem.of(status, parsed) : Problem.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(Backend backend, String path, String accept) {
        URI base = backend.baseUri(config.services());
        return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(TIMEOUT)
                .header("Accept", accept)
                .header("Authorization", "Bearer " + token());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(request.method() + " " + request.uri().getPath(),
                    new Problem(503, "A service could not be reached: " + request.uri().getHost() + ":"
                            + request.uri().getPort(), Map.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token() {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null) {
            throw new IllegalStateException("no access token: the console is used after signing in");
        }
        return credential.getToken();
    }
}
