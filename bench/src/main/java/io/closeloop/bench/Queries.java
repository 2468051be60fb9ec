package io.closeloop.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.local.LocalInfra;
import io.closeloop.local.ServiceJvm;
import io.closeloop.testing.Tokens;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import org.postgresql.PGConnection;

/**
 * Benchmark 5 of issue 10: the read side with a large history stored. N incidents (one history line each) are
 * bulk-loaded with COPY into incident-service's database, and one accountability per incident into
 * accountability-service's, after each service has migrated its schema; then the REST calls are timed with real
 * tokens: the incident list with filters and paging, an incident's history, and the monthly indicators.
 */
final class Queries {

    private static final String[] SITES = {"north", "south"};
    private static final String[] STAGES = {"REVIEW", "ACCOUNTABILITY", "ACTION", "VERIFICATION", "CLOSED", "REOPENED"};
    private static final int WARM_UP = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Timing(String query, String example, int calls, double p50Ms, double p95Ms, double maxMs,
            Double targetP95Ms, Boolean targetMet) {
    }

    private Queries() {
    }

    static void run(Path root, Path results, double scale, int calls, Duration timeout) throws Exception {
        int incidents = Math.max(10_000, (int) Math.round(1_000_000 * scale));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("incidents", incidents);
        parameters.put("historyLinesPerIncident", 1);
        parameters.put("accountabilities", incidents);
        parameters.put("callsPerQuery", calls);
        parameters.put("warmUpCallsPerQuery", WARM_UP);
        parameters.put("serviceJvmOptions", ServiceJvm.declared(root));
        parameters.put("years", 5);
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("benchmark", "queries");
        LocalInfra.Endpoints infra = BenchEnv.start("Queries (issue 10, benchmark 5)", parameters, json);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Random random = new Random(42);
        List<Timing> timings = new ArrayList<>();
        String auditor = Tokens.of(infra.keycloakUrl(), "auditor");
        String reviewer = Tokens.of(infra.keycloakUrl(), "reviewer.north");

        try (ServiceRunner service = ServiceRunner.start(root, infra, "incident-service", List.of(), Map.of())) {
            service.awaitReady(timeout);
            load(infra, service.database(), incidents, now, random, Queries::loadIncidents);
            String url = service.url();
            timings.add(time("incident list, one site, stage + category, newest first, page 0-9 of 20",
                    url, reviewer, calls, i -> "/incidents?site=north&stage=REVIEW&category=" + category(i)
                            + "&order=NEWEST&page=" + (i % 10) + "&size=20", 100.0));
            timings.add(time("incident list, all sites, overdue reviews by due date, page 0-9 of 20",
                    url, auditor, calls, i -> "/incidents?overdue=true&order=REVIEW_DUE&page=" + (i % 10)
                            + "&size=20", 100.0));
            timings.add(time("incident list, one site, harm + repeat, oldest first, page 0-9 of 50",
                    url, reviewer, calls, i -> "/incidents?site=north&harm=MODERATE&repeat=true&order=OLDEST&page="
                            + (i % 10) + "&size=50", 100.0));
            timings.add(time("incident list, no filter (auditor), newest first, page 0-9 of 20",
                    url, auditor, calls, i -> "/incidents?page=" + (i % 10) + "&size=20", 100.0));
            timings.add(time("incident history", url, reviewer, calls,
                    i -> "/incidents/" + incidentId(random.nextInt(incidents / 2) * 2) + "/history", null));
            explainListShapes(root, infra, service.database());
        }
        try (ServiceRunner service = ServiceRunner.start(root, infra, "accountability-service", List.of(),
                Map.of())) {
            service.awaitReady(timeout);
            load(infra, service.database(), incidents, now, random, Queries::loadAccountabilities);
            String senior = Tokens.of(infra.keycloakUrl(), "senior");
            YearMonth last = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(1);
            timings.add(time("monthly indicators, one site, last month", service.url(), senior, calls,
                    i -> "/indicators?site=" + SITES[i % 2] + "&from=" + last + "&to=" + last, null));
            timings.add(time("monthly indicators, all sites, last 3 months", service.url(), senior,
                    Math.max(5, calls / 4), i -> "/indicators?from=" + last.minusMonths(2) + "&to=" + last, null));
        }

        StringBuilder table = new StringBuilder("""
                | Query | Example | Calls | p50 ms | p95 ms | max ms | Target |
                |---|---|---:|---:|---:|---:|---|
                """);
        for (Timing t : timings) {
            table.append("| %s | `%s` | %d | %.1f | %.1f | %.1f | %s |%n".formatted(t.query(), t.example(), t.calls(),
                    t.p50Ms(), t.p95Ms(), t.maxMs(), t.targetP95Ms() == null ? ""
                            : "p95 <= %.0f ms: **%s**".formatted(t.targetP95Ms(), t.targetMet() ? "met" : "not met")));
        }
        System.out.println();
        System.out.print(table);
        json.set("runs", EventJson.mapper().valueToTree(timings));
        BenchEnv.write(results, "queries-" + incidents, json, "Queries with " + incidents + " incidents stored",
                table.toString());
    }

    /**
     * The plans of the list's page and count queries, as the service sends them for page 9 of each shape (SQL written
     * after Hibernate's), into {@code bench/target/queries-plans.txt}: the evidence for or against an index.
     */
    private static void explainListShapes(Path root, LocalInfra.Endpoints infra, String database) throws Exception {
        String north = "site in ('north') and site = 'north'";
        Map<String, String[]> shapes = new LinkedHashMap<>();
        shapes.put("stage + category", new String[] {
            north + " and stage = 'REVIEW' and category = 'FALLS'", "occurred_at desc, id", "180", "20"});
        shapes.put("overdue reviews (all sites)", new String[] {
            "1 = 1 and stage = 'REVIEW' and review_due_on < current_date", "review_due_on, id", "180", "20"});
        shapes.put("harm + repeat", new String[] {
            north + " and harm_level = 'MODERATE' and is_repeat = true", "occurred_at, id", "450", "50"});
        shapes.put("no filter (all sites)", new String[] {"1 = 1", "occurred_at desc, id", "180", "20"});
        StringBuilder plans = new StringBuilder();
        try (Connection connection = BenchEnv.connect(infra, database); Statement statement = connection.createStatement()) {
            for (var shape : shapes.entrySet()) {
                String[] q = shape.getValue();
                String page = "select * from incident where " + q[0] + " order by " + q[1] + " offset " + q[2]
                        + " rows fetch first " + q[3] + " rows only";
                String count = "select 1 from incident where " + q[0] + " fetch first 10001 rows only";
                for (String sql : List.of(page, count)) {
                    plans.append("## ").append(shape.getKey()).append("\n").append(sql).append("\n");
                    try (var plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                        while (plan.next()) {
                            plans.append(plan.getString(1)).append("\n");
                        }
                    }
                    plans.append("\n");
                }
            }
        }
        Path file = root.resolve("bench/target/queries-plans.txt");
        java.nio.file.Files.writeString(file, plans);
        System.out.println("list query plans: " + file);
    }

    private static String category(int i) {
        return IncidentCategory.values()[i % IncidentCategory.values().length].name();
    }

    /** Ids are derived from the position, so a query can name an incident without reading it first. */
    private static UUID incidentId(int position) {
        return UUID.nameUUIDFromBytes(("bench/" + position).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private interface Loader {
        void load(PGConnection connection, int incidents, Instant now, Random random) throws Exception;
    }

    private static void load(LocalInfra.Endpoints infra, String database, int incidents, Instant now, Random random,
            Loader loader) throws Exception {
        long started = System.nanoTime();
        try (Connection connection = BenchEnv.connect(infra, database)) {
            loader.load(connection.unwrap(PGConnection.class), incidents, now, random);
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE");
            }
        }
        System.out.printf("loaded %d rows into %s in %.1f s (COPY, then VACUUM ANALYZE)%n", incidents, database,
                (System.nanoTime() - started) / 1e9);
    }

    /** Five years of incidents at two sites, most of them closed, the recent ones in the earlier stages. */
    private static void loadIncidents(PGConnection connection, int incidents, Instant now, Random random)
            throws Exception {
        long span = Duration.ofDays(5 * 365).toSeconds();
        HarmLevel[] harms = HarmLevel.values();
        IncidentCategory[] categories = IncidentCategory.values();
        connection.getCopyAPI().copyIn("""
                COPY incident (id, site, site_reference, version, occurred_at, reported_at, category, harm_level,
                  location, description, immediate_actions, stage, received_at, updated_at, people_affected,
                  reported_by, review_level, review_due_on, is_repeat) FROM STDIN WITH (FORMAT csv)""",
                rows(incidents, i -> {
                    Instant occurred = now.minusSeconds(span - span * i / incidents);
                    boolean recent = i > incidents - incidents / 50;
                    String stage = recent ? STAGES[random.nextInt(4)] : random.nextInt(20) == 0 ? "REOPENED" : "CLOSED";
                    HarmLevel harm = harms[random.nextInt(3)];
                    LocalDate due = LocalDate.ofInstant(occurred, ZoneOffset.UTC).plusDays(harm.ordinal() >= 2 ? 10 : 20);
                    return String.join(",", incidentId(i).toString(), SITES[i % 2], "B-" + i, "1", occurred.toString(),
                            occurred.plusSeconds(600).toString(), categories[random.nextInt(categories.length)].name(),
                            harm.name(), "Ward " + (i % 12 + 1), "Bulk-loaded incident " + i, "Checked",
                            stage, occurred.plusSeconds(700).toString(), occurred.plusSeconds(700).toString(), "",
                            "site:" + SITES[i % 2], harm.ordinal() >= 2 ? "FULL" : "CONCISE", due.toString(),
                            Boolean.toString(random.nextInt(4) == 0)) + "\n";
                }));
        connection.getCopyAPI().copyIn("""
                COPY incident_history (incident_id, at, actor, service, what) FROM STDIN WITH (FORMAT csv)""",
                rows(incidents, i -> String.join(",", incidentId(i).toString(),
                        now.minusSeconds(span - span * i / incidents).plusSeconds(700).toString(), "site:north",
                        "incident-service", "Reported by the bulk load") + "\n"));
    }

    /** One accountability per incident, reviewed a few days after it occurred; the older ones acknowledged. */
    private static void loadAccountabilities(PGConnection connection, int incidents, Instant now, Random random)
            throws Exception {
        long span = Duration.ofDays(5 * 365).toSeconds();
        connection.getCopyAPI().copyIn("""
                COPY accountability (id, incident_id, site, control_failure_id, control_id, control_name,
                  failure_mode, evidence, owner, nominated_owner, status, opened_at, reviewed_at, due_on,
                  acknowledged_at, term, escalation) FROM STDIN WITH (FORMAT csv)""",
                rows(incidents, i -> {
                    Instant reviewed = now.minusSeconds(span - span * i / incidents).plus(3, ChronoUnit.DAYS);
                    boolean acknowledged = random.nextInt(10) != 0 && i < incidents - incidents / 100;
                    String owner = "leader." + SITES[i % 2];
                    return String.join(",", UUID.randomUUID().toString(), incidentId(i).toString(), SITES[i % 2],
                            UUID.randomUUID().toString(), "CTRL-FALLS-01", "Weekly falls risk reassessment check",
                            "MISSED_SUPERVISION", "Bulk-loaded evidence", owner, owner,
                            acknowledged ? "ACKNOWLEDGED" : "OPEN", reviewed.toString(), reviewed.toString(),
                            LocalDate.ofInstant(reviewed, ZoneOffset.UTC).plusDays(7).toString(),
                            acknowledged ? reviewed.plus(2 + random.nextInt(8), ChronoUnit.DAYS).toString() : "",
                            "1", "NONE") + "\n";
                }));
    }

    /** The rows as a stream for COPY, generated as they are read: a million rows never sit in memory. */
    private static Reader rows(int count, IntFunction<String> row) {
        return new Reader() {
            private int next;
            private String current = "";
            private int at;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (at == current.length()) {
                    if (next == count) {
                        return -1;
                    }
                    current = row.apply(next++);
                    at = 0;
                }
                int n = Math.min(length, current.length() - at);
                current.getChars(at, at + n, buffer, offset);
                at += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    private static Timing time(String name, String url, String token, int calls, IntFunction<String> path,
            Double targetP95) throws IOException, InterruptedException {
        for (int i = 0; i < WARM_UP; i++) {
            call(url, token, path.apply(i));
        }
        double[] millis = new double[calls];
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            call(url, token, path.apply(i));
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        double[] sorted = BenchEnv.sorted(millis);
        double p95 = BenchEnv.quantile(sorted, 0.95);
        Timing timing = new Timing(name, path.apply(0), calls, BenchEnv.quantile(sorted, 0.5), p95,
                sorted[sorted.length - 1], targetP95, targetP95 == null ? null : p95 <= targetP95);
        System.out.printf("%s: p50 %.1f ms, p95 %.1f ms (%d calls)%n", name, timing.p50Ms(), p95, calls);
        return timing;
    }

    private static void call(String url, String token, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
