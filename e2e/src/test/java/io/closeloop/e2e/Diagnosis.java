package io.closeloop.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a stuck incident is, so that a failed fault run explains itself: what each stage stored for it, its events in
 * every outbox (sent or not) and in every inbox, its dead letters, each service's health (a failed channel shows there),
 * each consumer group's lag per partition, and the service log lines that name it. Read-only and bounded: every query
 * has a row limit and a timeout, and a part that cannot be read says why instead of failing the diagnosis.
 */
final class Diagnosis {

    private static final int ROWS = 40;
    private static final int LOG_LINES = 15;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What each stage holds of an incident, one query per service. */
    private static final Map<String, String> STAGE_ROWS = Map.of(
            "incident-service", """
                    select concat_ws(' | ', 'incident', i.stage, 'v' || i.version, (select string_agg(r.status, ',')
                    from review r where r.incident_id = i.id)) from incident i where i.id = '%s'""",
            "accountability-service", """
                    select concat_ws(' | ', 'accountability', id, status) from accountability
                    where incident_id = '%s'""",
            "action-service", """
                    select concat_ws(' | ', 'plan', p.id, p.status, (select string_agg(a.status || ' results '
                    || (select count(*) from control_result r where r.action_id = a.id and r.done), ',')
                    from corrective_action a where a.plan_id = p.id)) from plan p where p.incident_id = '%s'""",
            "verification-service", """
                    select concat_ws(' | ', 'verification', id, status, 'cycle ' || cycle) from verification
                    where incident_id = '%s'""");

    private Diagnosis() {
    }

    /** The diagnosis of {@code incidents} (at most the first few), as text to print beside a failure. */
    static String of(Platform platform, List<UUID> incidents) {
        StringBuilder out = new StringBuilder("=== Diagnosis of ").append(incidents.size()).append(" stuck incident(s)\n");
        for (UUID incident : incidents.stream().limit(3).toList()) {
            incident(platform, incident, out);
        }
        out.append("-- health\n");
        for (String service : Platform.SERVICES) {
            out.append("  ").append(service).append(": ").append(guard(() -> health(platform.url(service)))).append('\n');
        }
        out.append("-- consumer lag (group: topic-partition committed/end)\n");
        for (String group : Platform.SERVICES) {
            out.append("  ").append(group).append(": ")
                    .append(guard(() -> KafkaLag.behind(platform.kafka(), group))).append('\n');
        }
        for (String service : Platform.SERVICES) {
            out.append("  ").append(service).append(": outbox rows unsent ").append(guard(() -> Long.toString(
                    Sql.count(platform, service, "select count(*) from outbox where sent_at is null")))).append('\n');
        }
        return out.toString();
    }

    /**
     * Tells slowness from loss: watches what the stages hold of {@code incidents} for up to {@code patience} and says
     * whether, and when, it changed.
     */
    static String watch(Platform platform, List<UUID> incidents, Duration patience) throws InterruptedException {
        List<String> before = stages(platform, incidents);
        long started = System.nanoTime();
        long deadline = started + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(5_000);
            List<String> now = stages(platform, incidents);
            if (!now.equals(before)) {
                return "=== Moved on " + (System.nanoTime() - started) / 1_000_000_000L + " s after the failure (slow, "
                        + "not lost): " + before + " -> " + now;
            }
        }
        return "=== No change in " + patience.toSeconds() + " s after the failure: " + before;
    }

    private static List<String> stages(Platform platform, List<UUID> incidents) {
        List<String> rows = new ArrayList<>();
        for (UUID incident : incidents.stream().limit(3).toList()) {
            for (String service : Platform.SERVICES) {
                try {
                    rows.addAll(Sql.column(platform, service, STAGE_ROWS.get(service).formatted(incident)));
                } catch (RuntimeException unreadable) {
                    rows.add(service + " unreadable");
                }
            }
        }
        return rows;
    }

    private static void incident(Platform platform, UUID incident, StringBuilder out) {
        out.append("--- incident ").append(incident).append('\n');
        List<String> eventIds = new ArrayList<>();
        for (String service : Platform.SERVICES) {
            out.append("  ").append(service).append('\n');
            lines(out, () -> Sql.column(platform, service, STAGE_ROWS.get(service).formatted(incident)));
            out.append("    outbox (id | topic | created | sent | ce_id):\n");
            lines(out, () -> {
                List<String> rows = Sql.column(platform, service, """
                        select concat_ws(' | ', id, topic, created_at, coalesce(sent_at::text, 'UNSENT'),
                        headers::json->>'ce_id') from outbox where record_key = '%s' order by id limit %d"""
                        .formatted(incident, ROWS));
                rows.forEach(row -> eventIds.add(row.substring(row.lastIndexOf(" | ") + 3)));
                return rows;
            });
            out.append("    dead letters:\n");
            lines(out, () -> Sql.column(platform, service, """
                    select concat_ws(' | ', consumer, topic || '-' || partition_no || '@' || record_offset, event_id,
                    reason_code, reason) from dead_letter where record_key = '%s' order by id limit %d"""
                    .formatted(incident, ROWS)));
            out.append("    log lines naming it (last ").append(LOG_LINES).append("):\n");
            lines(out, () -> logLines(platform.logs(service), incident.toString()));
        }
        if (!eventIds.isEmpty()) {
            String ids = eventIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "(", ")"));
            out.append("  its events in the inboxes (consumer | event | type | outcome | processed):\n");
            for (String service : Platform.SERVICES) {
                out.append("    ").append(service).append('\n');
                lines(out, () -> Sql.column(platform, service, """
                        select concat_ws(' | ', consumer, event_id, event_type, outcome, processed_at) from inbox
                        where event_id in %s order by processed_at limit %d""".formatted(ids, ROWS)));
            }
        }
    }

    private static String health(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body().replaceAll("\\s+", " ");
        return response.statusCode() + " " + (body.length() > 1500 ? body.substring(0, 1500) + "..." : body);
    }

    /** The last lines of every log of the service's instances that contain {@code text}. */
    private static List<String> logLines(List<Path> logs, String text) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path log : logs) {
            if (!Files.exists(log)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                List<String> matching = lines.filter(line -> line.contains(text)).toList();
                matching.subList(Math.max(0, matching.size() - LOG_LINES), matching.size()).forEach(line ->
                        found.add(log.getFileName() + ": " + (line.length() > 400 ? line.substring(0, 400) : line)));
            }
        }
        return found.subList(Math.max(0, found.size() - LOG_LINES), found.size());
    }

    private interface Reading<T> {
        T read() throws Exception;
    }

    private static void lines(StringBuilder out, Reading<List<String>> reading) {
        try {
            List<String> rows = reading.read();
            if (rows.isEmpty()) {
                out.append("      (none)\n");
            }
            rows.forEach(row -> out.append("      ").append(row).append('\n'));
        } catch (Exception e) {
            out.append("      unreadable: ").append(e).append('\n');
        }
    }

    private static String guard(Reading<String> reading) {
        try {
            return reading.read();
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }
}
