package io.closeloop.chassis.events;

import io.closeloop.contracts.CloudEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** CloudEvents 1.0 binary-mode attributes, out of and into Kafka headers. */
public final class CloudEventHeaders {

    private CloudEventHeaders() {
    }

    public static Map<String, String> outgoing(String type, String source, String subject, Instant time) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEvents.HEADER_SPEC_VERSION, CloudEvents.SPEC_VERSION);
        headers.put(CloudEvents.HEADER_ID, UUID.randomUUID().toString());
        headers.put(CloudEvents.HEADER_TYPE, type);
        headers.put(CloudEvents.HEADER_SOURCE, source);
        headers.put(CloudEvents.HEADER_SUBJECT, subject);
        headers.put(CloudEvents.HEADER_TIME, time.toString());
        headers.put(CloudEvents.HEADER_CONTENT_TYPE, CloudEvents.JSON);
        return headers;
    }

    /** Every header as text; the last value wins where a name repeats. */
    public static Map<String, String> asMap(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header header : headers) {
            map.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return map;
    }

    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
