package io.closeloop.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one command of issue 10's benchmarks: {@code ./bench/run <benchmark> [options]}. Each benchmark prints the
 * machine, versions and parameters, and writes its results as JSON and a Markdown table.
 */
public final class Bench {

    private static final String USAGE = """
            usage: ./bench/run [backfill|hop|e2e|footprint|queries|all|a,b,...] [options]
              --scale F            sizes as a fraction of the published ones (default 1: 200,000 reports,
                                   60 s of steady load, 10,000 incidents end to end, 1,000,000 incidents stored); e.g. --scale 0.05 for a quick check
              --records N          backfill: number of reports (overrides --scale)
              --rate R             hop and footprint: reports per second (default 50)
              --calls C            queries: timed calls per query (default 200)
              --timeout-minutes M  bound of every wait (default 15)
              --results DIR        where results go (default bench/results)
              --jfr                backfill, hop: record incident-service with JFR (bench/target/incident-service.jfr,
                                   incident-service-hop.jfr)
            """;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String benchmark = "backfill";
        double scale = 1.0;
        Integer records = null;
        int rate = 50;
        int calls = 200;
        Duration timeout = Duration.ofMinutes(15);
        Path results = Path.of("bench/results");
        boolean jfr = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "backfill", "hop", "e2e", "footprint", "queries", "all" -> benchmark = args[i];
                case String list when list.matches("[a-z0-9]+(,[a-z0-9]+)+") -> benchmark = list;
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--timeout-minutes" -> timeout = Duration.ofMinutes(Long.parseLong(args[++i]));
                case "--results" -> results = Path.of(args[++i]);
                case "--jfr" -> jfr = true;
                default -> {
                    System.err.print("unknown argument " + args[i] + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        if (scale <= 0 || rate < 1 || calls < 1) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Path root = Path.of("").toAbsolutePath();
        results = results.toAbsolutePath();
        List<String> which = benchmark.equals("all") ? List.of("backfill", "hop", "e2e", "footprint", "queries")
                : List.of(benchmark.split(","));
        List<String> failed = new ArrayList<>();
        for (String name : which) {
            try {
                runOne(name, root, results, scale, records, rate, calls, timeout, jfr);
            } catch (Exception e) {
                // One benchmark failing does not cost the figures of the others in the same run.
                System.err.println("benchmark " + name + " failed:");
                e.printStackTrace();
                failed.add(name);
            }
            System.out.println();
        }
        if (!failed.isEmpty()) {
            System.err.println("failed: " + failed);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void runOne(String name, Path root, Path results, double scale, Integer records, int rate,
            int calls, Duration timeout, boolean jfr) throws Exception {
        switch (name) {
            case "backfill" -> {
                List<String> backfill = new ArrayList<>(List.of(
                        "--records", Integer.toString(records != null ? records
                                : Math.max(1000, (int) Math.round(200_000 * scale))),
                        "--timeout-minutes", Long.toString(timeout.toMinutes()),
                        "--results", results.toString()));
                if (jfr) {
                    backfill.add("--jfr");
                }
                BackfillIngest.main(backfill.toArray(String[]::new));
            }
            case "hop" -> StageHop.run(root, results, scale, rate, timeout, jfr);
            case "e2e" -> EndToEnd.run(root, results, scale, timeout);
            case "footprint" -> Footprint.run(root, results, scale, rate, timeout);
            case "queries" -> Queries.run(root, results, scale, calls, timeout);
            default -> throw new IllegalStateException(name);
        }
    }
}
