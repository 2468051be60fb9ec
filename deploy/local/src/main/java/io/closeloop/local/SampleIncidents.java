package io.closeloop.local;

import io.closeloop.contracts.CloudEvents;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReported;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Incident reports as a site's own system would publish them, for demos and smoke tests. */
final class SampleIncidents {

    private record Story(IncidentCategory category, HarmLevel harm, String location, String description,
            String immediateActions) {
    }

    private static final List<String> SITES = KafkaSecurity.sites();
    private static final List<Story> STORIES = List.of(
            new Story(IncidentCategory.FALLS, HarmLevel.LOW, "Ward 3, bay 2",
                    "Resident found on the floor beside the bed after an unwitnessed fall; bed rails were down.",
                    "Checked for injury, GP informed, falls risk assessment repeated."),
            new Story(IncidentCategory.MEDICATION, HarmLevel.NONE, "Medication room",
                    "Evening insulin dose recorded as given but the pen was unopened at the morning check.",
                    "Blood glucose checked, prescriber informed, second-check signature made mandatory."),
            new Story(IncidentCategory.PRESSURE_ULCERS, HarmLevel.MODERATE, "Room 14",
                    "Category 3 pressure ulcer found on the sacrum; repositioning chart had gaps over two days.",
                    "Tissue viability nurse referral, pressure-relieving mattress fitted."),
            new Story(IncidentCategory.INFECTION, HarmLevel.LOW, "Ground floor lounge",
                    "Three residents with diarrhoea and vomiting within 24 hours.",
                    "Affected residents isolated, enhanced cleaning started, health protection team informed."),
            new Story(IncidentCategory.SAFEGUARDING, HarmLevel.LOW, "Reception",
                    "Visitor seen taking a resident's bank card from their handbag.",
                    "Card cancelled with the family, safeguarding referral made to the local authority."));

    private SampleIncidents() {
    }

    /** {@code count} reports spread over the declared sites, with references that differ from run to run. */
    static List<IncidentReported> reports(int count, Instant now, Random random) {
        int series = random.nextInt(100_000);
        return IntStream.range(0, count).mapToObj(i -> {
            String site = SITES.get(i % SITES.size());
            Story story = STORIES.get(random.nextInt(STORIES.size()));
            Instant reportedAt = now.truncatedTo(ChronoUnit.SECONDS);
            Instant occurredAt = reportedAt.minus(30 + random.nextInt(600), ChronoUnit.MINUTES);
            String reference = "%s-%d-%05d-%d".formatted(site.substring(0, 1).toUpperCase(),
                    occurredAt.atZone(ZoneOffset.UTC).getYear(), series, i + 1);
            return new IncidentReported(site, reference, null, occurredAt, reportedAt, story.category(),
                    story.harm(), story.location(), story.description(), story.immediateActions(), List.of());
        }).toList();
    }

    /** The Kafka record of a report: CloudEvents 1.0 in binary mode, keyed by site and reference. */
    static ProducerRecord<String, byte[]> record(IncidentReported report, Instant now) {
        String key = report.key();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.reportedBy(report.site()), key, EventJson.write(report));
        header(record, CloudEvents.HEADER_SPEC_VERSION, CloudEvents.SPEC_VERSION);
        header(record, CloudEvents.HEADER_ID, UUID.randomUUID().toString());
        header(record, CloudEvents.HEADER_TYPE, EventType.INCIDENT_REPORTED.type());
        header(record, CloudEvents.HEADER_SOURCE, "/sites/" + report.site());
        header(record, CloudEvents.HEADER_SUBJECT, key);
        header(record, CloudEvents.HEADER_TIME, now.toString());
        header(record, CloudEvents.HEADER_CONTENT_TYPE, CloudEvents.JSON);
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
