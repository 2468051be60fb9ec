package io.closeloop.chassis.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.closeloop.contracts.CloudEvents;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.EventSchemas;
import io.closeloop.contracts.EventType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Turns a Kafka record into an {@link InboundEvent}, or says exactly why it cannot. */
public final class EventDecoder {

    /** Event ids are kept in an indexed column; a longer one is refused rather than stored. */
    public static final int MAX_ID_LENGTH = 200;

    private EventDecoder() {
    }

    public sealed interface Result<T> {
    }

    public record Decoded<T>(InboundEvent<T> event) implements Result<T> {
    }

    public record Undecodable<T>(String code, String reason) implements Result<T> {
    }

    public static <T> Result<T> decode(ConsumerRecord<String, byte[]> record, EventType expected) {
        var headers = record.headers();
        String id = CloudEventHeaders.get(headers, CloudEvents.HEADER_ID);
        if (id == null || id.isBlank()) {
            return new Undecodable<>("missing-id", "missing header " + CloudEvents.HEADER_ID);
        }
        if (id.length() > MAX_ID_LENGTH) {
            return new Undecodable<>("invalid-id", CloudEvents.HEADER_ID + " is longer than " + MAX_ID_LENGTH);
        }
        String specVersion = CloudEventHeaders.get(headers, CloudEvents.HEADER_SPEC_VERSION);
        if (!CloudEvents.SPEC_VERSION.equals(specVersion)) {
            return new Undecodable<>("spec-version", "unsupported " + CloudEvents.HEADER_SPEC_VERSION + ": " + specVersion);
        }
        String type = CloudEventHeaders.get(headers, CloudEvents.HEADER_TYPE);
        if (!expected.type().equals(type)) {
            return new Undecodable<>("event-type", "unexpected event type " + type + " (expected " + expected.type() + ")");
        }
        Instant time;
        try {
            String header = CloudEventHeaders.get(headers, CloudEvents.HEADER_TIME);
            time = header == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(header);
        } catch (DateTimeParseException e) {
            return new Undecodable<>("event-time", "invalid " + CloudEvents.HEADER_TIME);
        }
        if (record.value() == null) {
            return new Undecodable<>("empty", "empty record value");
        }
        if (!isUtf8(record.value())) {
            return new Undecodable<>("encoding", "record value is not valid UTF-8");
        }
        JsonNode tree;
        try {
            tree = EventJson.tree(record.value());
        } catch (IOException e) {
            return new Undecodable<>("malformed-json", "malformed JSON: " + firstLine(e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            return new Undecodable<>("not-an-object", "event data is not a JSON object");
        }
        String nul = fieldWithNul(tree, "$");
        if (nul != null) {
            // PostgreSQL cannot store NUL in text: without this the record would fail at commit, three times.
            return new Undecodable<>("control-character", nul + " contains a NUL character (\\u0000)");
        }
        List<String> violations = EventSchemas.violations(expected, tree);
        if (!violations.isEmpty()) {
            return new Undecodable<>("schema", "schema violations: " + String.join("; ", violations));
        }
        try {
            @SuppressWarnings("unchecked")
            T data = (T) EventJson.read(tree, expected.javaType());
            String source = CloudEventHeaders.get(headers, CloudEvents.HEADER_SOURCE);
            String subject = CloudEventHeaders.get(headers, CloudEvents.HEADER_SUBJECT);
            return new Decoded<>(new InboundEvent<>(id, type, source, subject, time, record.topic(), data));
        } catch (IOException e) {
            return new Undecodable<>("schema", "cannot map event data: " + firstLine(e.getMessage()));
        }
    }

    /** The path of the first text (value or field name) holding U+0000, or null. */
    private static String fieldWithNul(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0 ? path : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = fieldWithNul(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        for (var fields = node.fields(); node.isObject() && fields.hasNext(); ) {
            var field = fields.next();
            if (field.getKey().indexOf('\u0000') >= 0) {
                return path;
            }
            String found = fieldWithNul(field.getValue(), path + "." + field.getKey());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
