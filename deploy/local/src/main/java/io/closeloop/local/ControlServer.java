package io.closeloop.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * A loopback HTTP endpoint of the supervisor that resets state between test classes. It lets
 * {@link LocalInfra}, which must not bring a JDBC driver or Kafka client into a test JVM, use the ones here.
 */
final class ControlServer {

    private final HttpServer server;

    private ControlServer(HttpServer server) {
        this.server = server;
    }

    /** Stops or starts one part of the infrastructure by name ({@code kafka}, {@code postgres}). */
    interface Part {
        String apply(String name) throws Exception;
    }

    static ControlServer start(String jdbcBaseUrl, Admin kafka, Part stop, Part start) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newSingleThreadExecutor());
        // For the fault tests: a broker or database outage, and its end, on the same ports and data.
        server.createContext("/stop", exchange -> handle(exchange, query -> stop.apply(required(query, "part"))));
        server.createContext("/start", exchange -> handle(exchange, query -> start.apply(required(query, "part"))));
        server.createContext("/postgres/recreate", exchange -> handle(exchange, query -> {
            PostgresNode.recreate(jdbcBaseUrl, required(query, "database"));
            return "";
        }));
        server.createContext("/kafka/delete-topics", exchange -> handle(exchange, query -> {
            String prefix = required(query, "prefix");
            List<String> topics = kafka.listTopics().names().get().stream()
                    .filter(topic -> topic.startsWith(prefix))
                    .sorted()
                    .toList();
            kafka.deleteTopics(topics).all().get();
            return String.join("\n", topics);
        }));
        server.start();
        return new ControlServer(server);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private interface Action {
        String run(Map<String, String> query) throws Exception;
    }

    private static void handle(HttpExchange exchange, Action action) throws IOException {
        int status;
        String body;
        if (!"POST".equals(exchange.getRequestMethod())) {
            status = 405;
            body = "POST only";
        } else {
            try {
                body = action.run(query(exchange));
                status = 200;
            } catch (IllegalArgumentException e) {
                status = 400;
                body = e.getMessage();
            } catch (Exception e) {
                status = 500;
                body = e.toString();
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return Map.of();
        }
        return Arrays.stream(raw.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
                        (first, second) -> second));
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing query parameter " + name);
        }
        return value;
    }
}
