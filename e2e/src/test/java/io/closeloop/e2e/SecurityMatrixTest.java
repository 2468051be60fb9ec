package io.closeloop.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closeloop.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every operation of every service's OpenAPI document, called by every demo user with a real token, against the
 * declared matrix in {@code authorization-matrix.csv}. ALLOW means authorization passed: neither 401 nor 403 and no
 * server error (made-up ids and empty bodies give 404, 400 or 422); DENY means exactly 403.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityMatrixTest {

    static final List<String> USERS = List.of("reporter.north", "reviewer.north", "leader.north", "leader.south",
            "senior", "verifier", "auditor");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Bodies other than {@code {}}: an empty advance is a 500 today (the chassis reads {@code by} unvalidated), which
     * {@link #errorsCarryNoStackTrace()} still sends; a zero advance passes authorization and moves no clock.
     */
    private static final Map<String, String> BODIES = Map.of("/clock/advance", "{\"by\": \"PT0S\"}");

    record Operation(String service, String method, String path) {
        @Override
        public String toString() {
            return service + " " + method + " " + path;
        }
    }

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    @Order(1)
    void everyOperationInTheOpenApiDocumentsHasAnEntryAndEveryUserGetsWhatTheMatrixSays() throws IOException {
        Map<Operation, Boolean> documented = documentedOperations();
        Map<Operation, Map<String, String>> declared = declaredMatrix();

        Set<String> undeclared = new TreeSet<>();
        documented.keySet().stream().filter(op -> !declared.containsKey(op))
                .forEach(op -> undeclared.add(op.service() + "," + op.method() + "," + op.path()));
        Set<String> vanished = new TreeSet<>();
        declared.keySet().stream().filter(op -> !documented.containsKey(op)).forEach(op -> vanished.add(op.toString()));
        assertThat(undeclared).as("operations in the OpenAPI documents without a matrix entry").isEmpty();
        assertThat(vanished).as("matrix entries whose operation is no longer in the OpenAPI documents").isEmpty();

        List<String> failures = new ArrayList<>();
        int calls = 0;
        int allowed = 0;
        Map<String, Integer> statuses = new java.util.TreeMap<>();
        for (var entry : declared.entrySet()) {
            Operation op = entry.getKey();
            for (String user : USERS) {
                String expected = entry.getValue().get(user);
                Response response = call(op, user, documented.get(op));
                calls++;
                int status = response.statusCode();
                statuses.merge(expected + " " + status, 1, Integer::sum);
                boolean passed = expected.equals("DENY") ? status == 403
                        : status != 401 && status != 403 && status < 500;
                if (expected.equals("ALLOW")) {
                    allowed++;
                }
                if (!passed) {
                    failures.add(op + " as " + user + ": expected " + expected + ", got " + status + " "
                            + abbreviated(response.asString()));
                }
            }
        }
        System.out.printf("Authorization matrix: %d operations x %d users = %d calls (%d ALLOW, %d DENY); "
                + "%d passed, %d failed%n", declared.size(), USERS.size(), calls, allowed, calls - allowed,
                calls - failures.size(), failures.size());
        System.out.println("  statuses by expected outcome: " + statuses);
        failures.forEach(failure -> System.out.println("  FAILED " + failure));
        assertThat(failures).as("matrix cells that differ from the declared matrix").isEmpty();
    }

    @Test
    @Order(2)
    void errorsCarryNoStackTrace() {
        List<Response> responses = List.of(
                Steps.as(platform, "leader.north", "accountability-service").contentType(ContentType.JSON)
                        .body("{\"whatWillChange\": ").post("/accountabilities/{id}/acknowledge", UUID.randomUUID()),
                Steps.as(platform, "leader.north", "action-service").contentType(ContentType.JSON)
                        .body("[1, 2]").post("/plans/{id}/actions", UUID.randomUUID()),
                Steps.as(platform, "auditor", "incident-service").get("/incidents/not-a-uuid"),
                Steps.as(platform, "verifier", "verification-service").contentType(ContentType.JSON)
                        .body("{\"sampleSize\": \"many\"}").post("/verifications/{id}/checks", UUID.randomUUID()),
                Steps.as(platform, "senior", "action-service").contentType(ContentType.JSON).body("{}")
                        .post("/clock/advance"));
        for (Response response : responses) {
            assertThat(response.statusCode()).isBetween(400, 599);
            assertThat(response.asString()).doesNotContain("\tat ", "at io.", "at java.", "at org.")
                    .doesNotContainPattern("[A-Za-z]+(Exception|Error)\\b[:\\s]");
        }
    }

    /** Runs after the calls above and any other test of this JVM that ran earlier. */
    @Test
    @Order(3)
    void theServiceLogsCarryNoTokenAndNoPassword() throws IOException {
        Path logs = Path.of(System.getProperty("closeloop.checkout", "..")).resolve("e2e/target/services");
        String demoToken = Tokens.of(platform.keycloak(), "auditor");
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(file -> file.toString().endsWith(".log")).toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                assertThat(text).as(log.toString()).isNotEmpty()
                        .doesNotContain("Bearer ey", demoToken.substring(0, 40), "eyJhbGciOi")
                        .doesNotContain(Tokens.DEMO_PASSWORD + "\"", "password=" + Tokens.DEMO_PASSWORD,
                                "local-dev-only-");
            }
        }
    }

    private static Response call(Operation op, String user, boolean takesBody) {
        RequestSpecification request = given().baseUri(platform.url(op.service()))
                .auth().oauth2(Tokens.of(platform.keycloak(), user)).urlEncodingEnabled(false);
        if (takesBody) {
            request = request.contentType(ContentType.JSON).body(BODIES.getOrDefault(op.path(), "{}"));
        }
        return request.request(op.method().toUpperCase(), concrete(op.path(), user));
    }

    /** Path parameters filled so the request reaches the resource: made-up ids, this week, the caller's own name. */
    private static String concrete(String template, String user) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "week" -> "current";
                case "month" -> "2026-01";
                case "leader" -> user;
                case "version" -> "1";
                default -> UUID.randomUUID().toString();
            };
            matcher.appendReplacement(path, value);
        }
        return matcher.appendTail(path).toString();
    }

    /** Each operation of the four OpenAPI documents, and whether it takes a request body. */
    private static Map<Operation, Boolean> documentedOperations() throws IOException {
        Map<Operation, Boolean> operations = new java.util.TreeMap<>(
                java.util.Comparator.comparing(Operation::toString));
        for (String service : Platform.SERVICES) {
            String document = given().baseUri(platform.url(service)).queryParam("format", "json")
                    .get("/q/openapi").then().statusCode(200).extract().asString();
            JsonNode paths = JSON.readTree(document).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                var path = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    var op = ops.next();
                    if (METHODS.contains(op.getKey())) {
                        operations.put(new Operation(service, op.getKey().toUpperCase(), path.getKey()),
                                op.getValue().has("requestBody"));
                    }
                }
            }
        }
        return operations;
    }

    private static Map<Operation, Map<String, String>> declaredMatrix() throws IOException {
        Map<Operation, Map<String, String>> matrix = new java.util.TreeMap<>(
                java.util.Comparator.comparing(Operation::toString));
        try (InputStream csv = SecurityMatrixTest.class.getResourceAsStream("/authorization-matrix.csv")) {
            List<String> lines = new String(csv.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            List<String> header = Arrays.asList(lines.get(0).split(","));
            assertThat(header.subList(3, header.size())).as("the matrix's users").isEqualTo(USERS);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                assertThat(cells).as(line).hasSize(header.size());
                Map<String, String> expected = new java.util.LinkedHashMap<>();
                for (int i = 3; i < cells.length; i++) {
                    assertThat(cells[i]).as(line).isIn("ALLOW", "DENY");
                    expected.put(header.get(i), cells[i]);
                }
                Operation op = new Operation(cells[0], cells[1], cells[2]);
                assertThat(matrix.put(op, expected)).as("duplicate entry " + op).isNull();
            }
        }
        return matrix;
    }

    private static String abbreviated(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }
}
