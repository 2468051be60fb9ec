package io.closeloop.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Keycloak from its Maven Central distribution, in dev mode with an in-memory database: every start
 * imports the realm afresh. The distribution is extracted once into a cache outside {@code target/},
 * where its one-time build for dev mode is kept too, so later starts take seconds.
 */
final class KeycloakNode {

    static final String REALM = "closeloop";
    /** Keycloak's bootstrap administrator: a local-development default. */
    static final String ADMIN_USERNAME = "admin";
    static final String ADMIN_PASSWORD = "admin";

    private static final String REALM_RESOURCE = "closeloop-realm.json";

    private KeycloakNode() {
    }

    /** The extracted distribution, shared by every checkout and every run. */
    static Path install() throws IOException, InterruptedException {
        Properties build = buildInfo();
        String version = build.getProperty("keycloak.version");
        Path archive = Path.of(build.getProperty("keycloak.dist"));
        Path cache = cacheDir();
        Path home = cache.resolve("keycloak-" + version);
        Path marker = home.resolve(".closeloop-extracted");
        if (Files.exists(marker)) {
            return home;
        }
        Files.createDirectories(cache);
        try (FileChannel channel = FileChannel.open(cache.resolve("keycloak-" + version + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (Files.exists(marker)) {
                return home;
            }
            System.out.println("keycloak: extracting " + archive.getFileName() + " into " + home
                    + " (once; its first start also builds it, about a minute)");
            StateFiles.deleteTree(home);
            Path staging = Files.createTempDirectory(cache, "extracting-");
            Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", staging.toString())
                    .inheritIO().start();
            if (tar.waitFor() != 0) {
                throw new IOException("tar could not extract " + archive);
            }
            Files.move(staging.resolve("keycloak-" + version), home);
            StateFiles.deleteTree(staging);
            Files.writeString(marker, archive + "\n");
        }
        return home;
    }

    static Child start(Path installed, Path stateDir, int port, int managementPort) throws IOException {
        Path home = instance(installed, stateDir.resolve("keycloak-home"));
        Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
        try (InputStream realm = KeycloakNode.class.getResourceAsStream(REALM_RESOURCE)) {
            Files.copy(realm, imports.resolve(REALM_RESOURCE), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = List.of("bash", Child.guardScript(stateDir).toString(),
                home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--db=dev-mem",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                // A fixed issuer, whichever loopback name a client uses.
                "--hostname=" + url(port),
                "--health-enabled=true",
                "--import-realm");
        Map<String, String> environment = Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return Child.start("keycloak", command, environment, stateDir.resolve("keycloak.log"));
    }

    /**
     * A home of this run's own for the shared distribution: Keycloak imports the realm from {@code data/import}
     * under its home, and checkouts that start Keycloak at the same time must each import their own realm file.
     * The script is copied (it finds its home from its own path); the rest is linked.
     */
    private static Path instance(Path installed, Path home) throws IOException {
        StateFiles.deleteTree(home);
        Files.createDirectories(home.resolve("bin"));
        Files.copy(installed.resolve("bin").resolve("kc.sh"), home.resolve("bin").resolve("kc.sh"),
                StandardCopyOption.COPY_ATTRIBUTES);
        for (String shared : List.of("lib", "conf", "providers", "themes", "version.txt")) {
            Files.createSymbolicLink(home.resolve(shared), installed.resolve(shared));
        }
        return home;
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** Ready when the server says so and the realm has been imported. */
    static void awaitReady(Child keycloak, String url, String managementUrl, Duration timeout)
            throws InterruptedException {
        List<URI> probes = List.of(
                URI.create(managementUrl + "/health/ready"),
                URI.create(url + "/realms/" + REALM + "/.well-known/openid-configuration"));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (keycloak.isAlive() && System.nanoTime() < deadline) {
                if (probes.stream().allMatch(probe -> Http.ok(http, probe))) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException(keycloak.isAlive()
                ? "Keycloak was not ready within " + timeout.toSeconds() + " s"
                : "Keycloak exited with " + keycloak.exitValue());
    }

    private static Path cacheDir() {
        String configured = System.getenv("CLOSELOOP_CACHE");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "closeloop");
    }

    private static Properties buildInfo() {
        try (InputStream in = KeycloakNode.class.getResourceAsStream("build.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
