package io.closeloop.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closeloop.contracts.CloudEvents;
import io.closeloop.contracts.Topics;
import io.closeloop.testing.KafkaClients;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.Tokens;
import io.closeloop.testing.TopicReader;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input}) against Kafka intake and every REST operation of every
 * service. Each input gets a dead-letter record with its reason or a 4xx problem+json; none gets a 5xx or stalls a
 * partition, and text that is stored comes back byte for byte. Prints a table of inputs and outcomes per class.
 */
class BadInputCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final byte[] INVALID_UTF8 = {(byte) 0xC3, (byte) 0x28};

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void everyBadSiteRecordIsDeadLetteredWithItsReasonOrStoredAsSentAndThePartitionFlows() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tailReference = "CORPUS-" + run + "-TAIL";
        Map<String, Map<String, Integer>> table = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, Case> sent = new LinkedHashMap<>();
        JsonNode cases = resource("kafka-intake.json");
        // As site north's system: the broker decides which topics it may write.
        Properties props = KafkaClients.site(platform.kafka(), "north");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        ObjectNode previous = null;
        String previousId = null;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            int index = 0;
            for (JsonNode c : cases) {
                index++;
                String site = c.path("site").asText("north");
                ObjectNode report = c.has("repeat") ? previous.deepCopy()
                        : validReport(site, "CORPUS-" + run + "-" + index);
                String id = UUID.randomUUID().toString();
                if (c.has("repeat")) {
                    if (c.get("repeat").asText().equals("same-id")) {
                        id = previousId;
                    } else {
                        report.put("description", "Other text for the same version");
                    }
                }
                c.path("set").fields().forEachRemaining(f -> report.set(f.getKey(), f.getValue()));
                c.path("remove").forEach(f -> report.remove(f.asText()));
                if (c.has("oversize")) {
                    report.put("description", "x".repeat(c.get("oversize").asInt()));
                }
                byte[] value = c.has("value") ? c.get("value").asText().getBytes(StandardCharsets.UTF_8)
                        : JSON.writeValueAsBytes(report);
                if (!c.path("utf8").asBoolean(true)) {
                    value = replace(value, "INVALID".getBytes(StandardCharsets.US_ASCII), INVALID_UTF8);
                }
                Map<String, String> headers = new HashMap<>(SiteFeed.headers(id, site, site + "/" + tailReference));
                String eventId = id;
                c.path("headers").fields().forEachRemaining(h -> {
                    if (h.getValue().isNull()) {
                        headers.remove(h.getKey());
                    } else {
                        headers.put(h.getKey(), h.getValue().asText());
                    }
                });
                // Records meant to be refused share the tail's key, so the tail proves their partition still flows.
                String expect = c.get("expect").asText();
                // Duplicates share their original's key: one partition keeps them in the order sent.
                String key = expect.startsWith("stored") || c.has("repeat")
                        ? site + "/" + report.path("siteReference").asText() : site + "/" + tailReference;
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.reportedBy(site), key, value);
                headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
                String outcome;
                try {
                    producer.send(record).get();
                    outcome = "sent";
                } catch (ExecutionException e) {
                    outcome = switch (e.getCause()) {
                        case RecordTooLargeException tooLarge -> "refused by the broker (over 1 MB)";
                        case TopicAuthorizationException notAllowed -> "refused by the broker (not north's topic)";
                        default -> "send failed: " + e.getCause();
                    };
                }
                sent.put(c.get("name").asText(), new Case(c.get("class").asText(), c.get("name").asText(), expect,
                        Topics.reportedBy(site), headers.containsKey(CloudEvents.HEADER_ID) ? eventId : null,
                        report.deepCopy(), outcome, key));
                if (!c.has("repeat")) {
                    previous = report;
                    previousId = id;
                }
            }
        }
        ObjectNode tail = validReport("north", tailReference);
        try (SiteFeed site = new SiteFeed(platform.kafka())) {
            site.send(Topics.reportedBy("north"), "north/" + tailReference,
                    SiteFeed.headers(UUID.randomUUID().toString(), "north", "north/" + tailReference),
                    JSON.writeValueAsBytes(tail));
        }
        // The valid record after the corpus, on the partition of every refused record: nothing stalled it.
        UUID tailId = incidentId("north", tailReference);
        Steps.eventually(() -> as("auditor", "incident-service").get("/incidents/" + tailId).statusCode() == 200
                ? Boolean.TRUE : null);

        Map<String, ConsumerRecord<String, byte[]>> deadLetters = deadLetters(sent.values());
        for (Case c : sent.values()) {
            String outcome = c.sendOutcome();
            if (outcome.equals("sent")) {
                outcome = switch (c.expect()) {
                    case "dead-letter" -> deadLetterOutcome(c, deadLetters);
                    case "stored" -> storedOutcome(c);
                    case "stored-unchanged" -> storedOutcome(c).equals("stored byte for byte")
                            ? "ignored as a redelivery" : "changed by a redelivery";
                    default -> "sent, but expected " + c.expect();
                };
            }
            boolean expected = switch (c.expect()) {
                case "dead-letter" -> outcome.startsWith("dead-lettered: ");
                case "stored" -> outcome.equals("stored byte for byte");
                case "stored-unchanged" -> outcome.equals("ignored as a redelivery");
                case "refused" -> outcome.startsWith("refused by the broker");
                default -> false;
            };
            table.computeIfAbsent(c.clazz(), k -> new TreeMap<>())
                    .merge(expected ? outcome.replaceAll(": .*", "") : "UNEXPECTED", 1, Integer::sum);
            System.out.printf("  kafka  %-36s %-58s %s%n", c.clazz(), c.name(), outcome);
            if (!expected) {
                failures.add(c.clazz() + " / " + c.name() + ": expected " + c.expect() + ", got " + outcome);
            }
        }
        print("Kafka intake (incidents.reported.v1.<site>)", table);
        assertThat(failures).isEmpty();
    }

    @Test
    void everyRestOperationAnswersBadInputWithAClientErrorAndNeverA5xx() throws Exception {
        Map<String, Map<String, Integer>> table = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, String> allowed = allowedUsers();
        JsonNode bodies = resource("rest-bodies.json");
        JsonNode values = resource("rest-values.json");
        int calls = 0;
        for (var op : operations().entrySet()) {
            String[] parts = op.getKey().split(" ", 3);
            String service = parts[0];
            String method = parts[1];
            String path = parts[2];
            String user = allowed.get(op.getKey());
            if (user == null) {
                failures.add(op.getKey() + ": no user may call it in authorization-matrix.csv");
                continue;
            }
            if (op.getValue()) {
                for (JsonNode body : bodies) {
                    byte[] bytes = body.has("oversize")
                            ? ("{\"summary\": \"" + "x".repeat(body.get("oversize").asInt()) + "\"}")
                                    .getBytes(StandardCharsets.UTF_8)
                            : body.get("body").asText().getBytes(StandardCharsets.UTF_8);
                    if (!body.path("utf8").asBoolean(true)) {
                        bytes = replace(bytes, "INVALID".getBytes(StandardCharsets.US_ASCII), INVALID_UTF8);
                    }
                    Response response = as(user, service).urlEncodingEnabled(false)
                            .contentType("application/json").body(bytes)
                            .request(method, concrete(path, user, null));
                    calls++;
                    judge(table, failures, body.get("class").asText(), op.getKey() + " body " + body.get("name"),
                            response, true);
                }
            }
            if (PARAMETER.matcher(path).find()) {
                for (JsonNode value : values.get("path")) {
                    RequestSpecification request = as(user, service).urlEncodingEnabled(false);
                    if (op.getValue()) {
                        request = request.contentType("application/json").body("{}");
                    }
                    Response response = request.request(method, concrete(path, user, value.get("value").asText()));
                    calls++;
                    judge(table, failures, value.get("class").asText(), op.getKey() + " path " + value.get("name"),
                            response, true);
                }
            }
            if (method.equals("GET")) {
                for (JsonNode value : values.get("query")) {
                    Response response = as(user, service).urlEncodingEnabled(false)
                            .get(concrete(path, user, null) + "?" + value.get("value").asText());
                    calls++;
                    judge(table, failures, value.get("class").asText(), op.getKey() + " query " + value.get("name"),
                            response, false);
                }
            }
        }
        print("REST: " + calls + " calls over every operation of the four OpenAPI documents", table);
        failures.forEach(failure -> System.out.println("  FAILED " + failure));
        assertThat(failures).as("answers that were not a 4xx problem+json (or, for queries, a 2xx)").isEmpty();
    }

    @Test
    void textEnteredByHandComesBackByteForByte() throws Exception {
        Map<String, Map<String, Integer>> table = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (JsonNode text : resource("rest-stored.json")) {
            String reference = "HAND-" + UUID.randomUUID().toString().substring(0, 8);
            ObjectNode report = validReport("north", reference);
            report.put("description", text.get("text").asText());
            report.put("location", text.get("text").asText());
            Response created = as("reporter.north", "incident-service").contentType("application/json")
                    .body(JSON.writeValueAsBytes(report)).post("/intake/reports");
            String outcome;
            boolean rejected = text.path("expect").asText("stored").equals("rejected");
            if (rejected) {
                outcome = created.statusCode() >= 400 && created.statusCode() < 500
                        && created.contentType().startsWith("application/problem+json")
                        ? created.statusCode() + " problem+json" : "not refused: " + created.statusCode();
            } else if (created.statusCode() != 201) {
                outcome = "not stored: " + created.statusCode() + " " + created.asString();
            } else {
                JsonNode stored = JSON.readTree(as("auditor", "incident-service")
                        .get("/incidents/" + incidentId("north", reference)).asByteArray());
                boolean same = stored.path("description").asText().equals(text.get("text").asText())
                        && stored.path("location").asText().equals(text.get("text").asText());
                outcome = same ? "stored byte for byte" : "changed: " + stored.path("description");
            }
            table.computeIfAbsent(text.get("class").asText(), k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
            if (!outcome.equals(rejected ? "400 problem+json" : "stored byte for byte")) {
                failures.add(text.get("name").asText() + ": " + outcome);
            }
        }
        print("Manual intake, read back over REST", table);
        assertThat(failures).isEmpty();
    }

    private record Case(String clazz, String name, String expect, String topic, String eventId, ObjectNode report,
            String sendOutcome, String key) {
    }

    private static void judge(Map<String, Map<String, Integer>> table, List<String> failures, String clazz,
            String what, Response response, boolean clientErrorOnly) {
        int status = response.statusCode();
        String contentType = response.contentType() == null ? "" : response.contentType();
        boolean problem = status >= 400 && status < 500 && status != 401
                && contentType.startsWith("application/problem+json");
        boolean fine = problem || (!clientErrorOnly && status >= 200 && status < 300);
        String outcome = fine ? (status >= 400 ? status + " problem+json" : status + "") : "UNEXPECTED " + status;
        table.computeIfAbsent(clazz, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
        if (!fine) {
            String body = response.asString().replaceAll("\\s+", " ");
            failures.add(what + ": " + status + " " + contentType + " "
                    + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
        }
    }

    private static String deadLetterOutcome(Case c, Map<String, ConsumerRecord<String, byte[]>> deadLetters) {
        ConsumerRecord<String, byte[]> letter = c.eventId() == null ? null : deadLetters.get(c.eventId());
        if (c.eventId() == null) {
            // No ce_id: the dead letter is found by its key and missing id.
            letter = deadLetters.get("no-id:" + c.key());
        }
        if (letter == null) {
            return "no dead letter";
        }
        String reason = TopicReader.header(letter, CloudEvents.HEADER_DLQ_REASON);
        return reason == null || reason.isBlank() ? "dead-lettered without a reason" : "dead-lettered: " + reason;
    }

    private static String storedOutcome(Case c) {
        UUID id = incidentId(c.report().path("site").asText(), c.report().path("siteReference").asText());
        Map<String, Object> stored;
        try {
            stored = Steps.eventually(() -> {
                Response response = as("auditor", "incident-service").get("/incidents/" + id);
                return response.statusCode() == 200 ? response.jsonPath().<Map<String, Object>>get("") : null;
            });
        } catch (RuntimeException e) {
            return "not stored";
        }
        for (String field : List.of("description", "location")) {
            Object value = stored.get(field);
            if (!c.report().path(field).asText("").equals(value == null ? "" : value.toString())) {
                return "changed " + field + ": " + value;
            }
        }
        return "stored byte for byte";
    }

    /** Every dead letter of the corpus' topics, by event id (or by key when the record had none). */
    private static Map<String, ConsumerRecord<String, byte[]>> deadLetters(java.util.Collection<Case> cases) {
        Set<String> topics = new java.util.TreeSet<>();
        cases.stream().filter(c -> c.expect().equals("dead-letter") && c.sendOutcome().equals("sent"))
                .forEach(c -> topics.add(Topics.deadLetterOf(c.topic())));
        long wanted = cases.stream().filter(c -> c.expect().equals("dead-letter") && c.sendOutcome().equals("sent"))
                .count();
        Set<String> ids = new java.util.HashSet<>();
        Set<String> keys = new java.util.HashSet<>();
        cases.forEach(c -> {
            ids.add(c.eventId());
            keys.add(c.key());
        });
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        Properties props = KafkaClients.config(platform.kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "corpus-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.copyOf(topics));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (Instant.now().isBefore(deadline) && found.size() < wanted) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String id = TopicReader.header(record, CloudEvents.HEADER_ID);
                    if (id != null && ids.contains(id)) {
                        found.put(id, record);
                    } else if (id == null && keys.contains(record.key())) {
                        found.put("no-id:" + record.key(), record);
                    }
                }
            }
        }
        return found;
    }

    private static ObjectNode validReport(String site, String reference) {
        ObjectNode report = JSON.createObjectNode();
        report.put("site", site);
        report.put("siteReference", reference);
        report.put("version", 1);
        report.put("occurredAt", Instant.now().minusSeconds(3600).toString());
        report.put("reportedAt", Instant.now().minusSeconds(1800).toString());
        report.put("category", "FALLS");
        report.put("harmLevel", "LOW");
        report.put("location", "Ward 2");
        report.put("description", "Resident found on the floor");
        report.putArray("peopleAffected").add("P-1a2b3c");
        return report;
    }

    private static UUID incidentId(String site, String reference) {
        return UUID.nameUUIDFromBytes((site + "/" + reference).getBytes(StandardCharsets.UTF_8));
    }

    private static RequestSpecification as(String user, String service) {
        return given().baseUri(platform.url(service)).auth().oauth2(Tokens.of(platform.keycloak(), user));
    }

    /** Path parameters filled as the security matrix fills them, or every one with {@code value}. */
    private static String concrete(String template, String user, String value) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String filled = value != null ? value : switch (matcher.group(1)) {
                case "week" -> "current";
                case "month" -> "2026-01";
                case "leader" -> user;
                case "version" -> "1";
                default -> UUID.randomUUID().toString();
            };
            matcher.appendReplacement(path, Matcher.quoteReplacement(filled));
        }
        return matcher.appendTail(path).toString();
    }

    /** "service METHOD path" of every operation in the four OpenAPI documents, and whether it takes a body. */
    private static Map<String, Boolean> operations() throws IOException {
        Map<String, Boolean> operations = new TreeMap<>();
        for (String service : Platform.SERVICES) {
            JsonNode paths = JSON.readTree(given().baseUri(platform.url(service)).queryParam("format", "json")
                    .get("/q/openapi").then().statusCode(200).extract().asString()).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                var path = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    var op = ops.next();
                    if (METHODS.contains(op.getKey())) {
                        operations.put(service + " " + op.getKey().toUpperCase() + " " + path.getKey(),
                                op.getValue().has("requestBody"));
                    }
                }
            }
        }
        return operations;
    }

    /** For each operation, a demo user the declared matrix allows, so that the input itself is what is judged. */
    private static Map<String, String> allowedUsers() throws IOException {
        Map<String, String> allowed = new HashMap<>();
        try (InputStream csv = BadInputCorpusTest.class.getResourceAsStream("/authorization-matrix.csv")) {
            List<String> lines = new String(csv.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            List<String> header = Arrays.asList(lines.getFirst().split(","));
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                for (int i = 3; i < cells.length; i++) {
                    if (cells[i].equals("ALLOW")) {
                        allowed.put(cells[0] + " " + cells[1] + " " + cells[2], header.get(i));
                        break;
                    }
                }
            }
        }
        return allowed;
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static byte[] replace(byte[] bytes, byte[] marker, byte[] replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i++) {
            if (i <= bytes.length - marker.length && Arrays.equals(bytes, i, i + marker.length, marker, 0,
                    marker.length)) {
                out.writeBytes(replacement);
                i += marker.length - 1;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toByteArray();
    }

    private static void print(String title, Map<String, Map<String, Integer>> table) {
        System.out.println(title);
        System.out.printf("  %-36s %6s  %s%n", "class", "inputs", "outcomes");
        table.forEach((clazz, outcomes) -> System.out.printf("  %-36s %6d  %s%n", clazz,
                outcomes.values().stream().mapToInt(Integer::intValue).sum(), outcomes));
    }
}
