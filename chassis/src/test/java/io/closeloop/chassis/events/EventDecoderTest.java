package io.closeloop.chassis.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.contracts.CloudEvents;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.IncidentReported;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

    private static final String VALID = """
            {"site":"north","siteReference":"N-1","occurredAt":"2026-11-20T08:00:00Z","category":"FALLS",
             "harmLevel":"LOW","description":"Found on the floor"}""";

    @Test
    void decodesAValidReport() {
        var result = EventDecoder.<IncidentReported>decode(record(headers("id-1"), VALID.getBytes()),
                EventType.INCIDENT_REPORTED);

        assertThat(result).isInstanceOfSatisfying(EventDecoder.Decoded.class, decoded -> {
            var event = ((EventDecoder.Decoded<IncidentReported>) decoded).event();
            assertThat(event.id()).isEqualTo("id-1");
            assertThat(event.data().site()).isEqualTo("north");
            assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        });
    }

    @Test
    void namesWhyARecordCannotBeDecoded() {
        assertThat(reason(headers(null), VALID.getBytes())).contains("missing header ce_id");
        assertThat(reason(Map.of(CloudEvents.HEADER_ID, "x", CloudEvents.HEADER_SPEC_VERSION, "1.0",
                CloudEvents.HEADER_TYPE, "io.closeloop.other.v9"), VALID.getBytes()))
                .contains("unexpected event type io.closeloop.other.v9");
        assertThat(reason(headers("x"), "{not json".getBytes())).startsWith("malformed JSON");
        assertThat(reason(headers("x"), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}))
                .isEqualTo("record value is not valid UTF-8");
        assertThat(reason(headers("x"), "[1,2]".getBytes())).isEqualTo("event data is not a JSON object");
        assertThat(reason(headers("x"), VALID.replace("LOW", "SEVERE-ISH").getBytes()))
                .startsWith("schema violations").contains("harmLevel");
        assertThat(reason(headers("x"), null)).isEqualTo("empty record value");
        assertThat(reason(headers("x"), VALID.replace("on the floor", "on the\\u0000floor").getBytes()))
                .isEqualTo("$.description contains a NUL character (\\u0000)");
    }

    private static String reason(Map<String, String> headers, byte[] value) {
        var result = EventDecoder.decode(record(headers, value), EventType.INCIDENT_REPORTED);
        assertThat(result).isInstanceOf(EventDecoder.Undecodable.class);
        return ((EventDecoder.Undecodable<?>) result).reason();
    }

    private static Map<String, String> headers(String id) {
        var headers = new java.util.HashMap<>(Map.of(
                CloudEvents.HEADER_SPEC_VERSION, "1.0",
                CloudEvents.HEADER_TYPE, EventType.INCIDENT_REPORTED.type(),
                CloudEvents.HEADER_TIME, "2026-11-20T09:00:00Z"));
        if (id != null) {
            headers.put(CloudEvents.HEADER_ID, id);
        }
        return headers;
    }

    private static ConsumerRecord<String, byte[]> record(Map<String, String> headers, byte[] value) {
        var record = new ConsumerRecord<String, byte[]>("incidents.reported.v1.north", 0, 42L, "north/N-1", value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
