package io.closeloop.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * PostgreSQL 17 from Maven Central (zonky binaries) under a small wrapper JVM that stops the server
 * when its stdin closes. The data directory is created fresh at every start, except a restart that
 * keeps the data (system property {@value #KEEP_DATA}). Durable settings on: the platform promises not
 * to lose data, so tests run the way production does.
 */
public final class PostgresNode {

    /** Local-development defaults. zonky trusts every local connection, so the password is not checked. */
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    static final List<String> DATABASES = List.of("incident", "accountability", "action", "verification");

    /** Set on a restart: the server comes back with the databases it had. */
    static final String KEEP_DATA = "closeloop.postgres.keep-data";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private PostgresNode() {
    }

    /** Arguments: port, working directory. */
    public static void main(String[] args) throws IOException {
        Jvm.configureLogging("INFO");
        int port = Integer.parseInt(args[0]);
        Path workDir = Path.of(args[1]);
        try (FileLock lock = StateFiles.lockFor(workDir)) {
            Path dataDir = workDir.resolve("data");
            if (!Boolean.getBoolean(KEEP_DATA)) {
                StateFiles.deleteTree(dataDir);
            }
            // Never cleaned by zonky, which would delete the data at stop and so lose it across a restart.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setOverrideWorkingDirectory(workDir.toFile())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    // zonky turns these off for speed (it even passes -F); -c settings come later and win.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            // Hand back the heap that unpacking the binaries took: this JVM only waits from now on.
            System.gc();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    e.printStackTrace();
                }
            }, "postgres-shutdown"));
            System.in.transferTo(OutputStream.nullOutputStream());
            System.exit(0);
        }
    }

    /** Supervisor side: starts the wrapper JVM. */
    static Child start(Path stateDir, int port) throws IOException {
        return start(stateDir, port, false);
    }

    /** Supervisor side: starts the wrapper JVM, on the data of its last run if {@code keepData}. */
    static Child start(Path stateDir, int port, boolean keepData) throws IOException {
        Path workDir = stateDir.resolve("postgres");
        Files.createDirectories(workDir);
        List<String> command = Jvm.command(PostgresNode.class,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
                        "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + workDir, "-D" + KEEP_DATA + "=" + keepData),
                List.of(Integer.toString(port), workDir.toString()));
        return Child.start("postgres", command, Map.of(), stateDir.resolve("postgres.log"));
    }

    /**
     * Supervisor side: waits for the server, checks that it is durable, and creates the databases of the
     * four services.
     */
    static void awaitReady(Child postgres, String jdbcBaseUrl, Duration timeout) throws InterruptedException {
        onceConnected(postgres, jdbcBaseUrl, timeout, connection -> {
            requireOn(connection, "fsync");
            requireOn(connection, "synchronous_commit");
            for (String database : DATABASES) {
                recreate(connection, database);
            }
        });
    }

    /** Supervisor side: waits for a restarted server, whose databases stay as they were. */
    static void awaitReachable(Child postgres, String jdbcBaseUrl, Duration timeout) throws InterruptedException {
        onceConnected(postgres, jdbcBaseUrl, timeout, connection -> { });
    }

    private interface ConnectionWork {
        void run(Connection connection) throws SQLException;
    }

    /** Retries {@code work} on a fresh connection until it succeeds, the server exits, or the timeout passes. */
    private static void onceConnected(Child postgres, String jdbcBaseUrl, Duration timeout, ConnectionWork work)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection connection = connect(jdbcBaseUrl)) {
                work.run(connection);
                return;
            } catch (SQLException e) {
                if (!postgres.isAlive()) {
                    throw new IllegalStateException("PostgreSQL exited with " + postgres.exitValue());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "PostgreSQL did not answer within " + timeout.toSeconds() + " s", e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Drops the database, closing its connections, and creates it empty. */
    static void recreate(String jdbcBaseUrl, String database) throws SQLException {
        try (Connection connection = connect(jdbcBaseUrl)) {
            recreate(connection, database);
        }
    }

    private static void recreate(Connection connection, String database) throws SQLException {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private static void requireOn(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            if (!"on".equals(result.getString(1))) {
                throw new IllegalStateException("PostgreSQL runs with " + setting + "=" + result.getString(1));
            }
        }
    }

    private static Connection connect(String jdbcBaseUrl) throws SQLException {
        return DriverManager.getConnection(jdbcBaseUrl + "postgres", USER, PASSWORD);
    }
}
