package io.closeloop.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.EventSchemas;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.IncidentReported;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class SampleIncidentsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void samplesAreValidReportsFromEachSite() throws IOException {
        List<IncidentReported> reports = SampleIncidents.reports(6, NOW, new Random(1));

        assertEquals(Set.of("north", "south"),
                reports.stream().map(IncidentReported::site).collect(Collectors.toSet()));
        assertEquals(6, reports.stream().map(IncidentReported::key).distinct().count());
        for (IncidentReported report : reports) {
            ProducerRecord<String, byte[]> record = SampleIncidents.record(report, NOW);
            assertEquals(List.of(),
                    EventSchemas.violations(EventType.INCIDENT_REPORTED, EventJson.tree(record.value())));
        }
    }

    @Test
    void aRecordIsABinaryModeCloudEventKeyedBySiteAndReference() {
        IncidentReported report = SampleIncidents.reports(1, NOW, new Random(1)).get(0);

        ProducerRecord<String, byte[]> record = SampleIncidents.record(report, NOW);

        assertEquals("incidents.reported.v1.north", record.topic());
        assertEquals("north/" + report.siteReference(), record.key());
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertEquals("1.0", headers.get("ce_specversion"));
        assertEquals("io.closeloop.incident.reported.v1", headers.get("ce_type"));
        assertEquals("/sites/north", headers.get("ce_source"));
        assertEquals(record.key(), headers.get("ce_subject"));
        assertEquals(NOW.toString(), headers.get("ce_time"));
        assertEquals("application/json", headers.get("content-type"));
        assertEquals(36, headers.get("ce_id").length());
    }
}
