package io.closeloop.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    private static final boolean JDK_WITH_AOT_CACHE = Runtime.version().feature() >= AotCache.JDK;
    private static final Instant BUILT = Instant.parse("2026-11-29T05:00:00Z");

    @TempDir
    Path root;
    private Path jar;
    private Path options;

    @BeforeEach
    void packagedService() throws IOException {
        options = ServiceJvm.optionsFile(root);
        Files.createDirectories(options.getParent());
        Files.writeString(options, "-XX:+UseSerialGC\n");
        jar = root.resolve("incident-service/target/quarkus-app/quarkus-run.jar");
        writeJar(jar, "io.quarkus.bootstrap.runner.AotQuarkusEntryPoint");
        setModified(options, BUILT.minusSeconds(600));
        setModified(jar, BUILT);
    }

    @Test
    void anAotJarWithoutCacheNeedsTrainingOnJdk25() {
        assertEquals(Optional.empty(), AotCache.usable(root, jar));
        assertEquals(JDK_WITH_AOT_CACHE, AotCache.needsTraining(root, jar));
        assertEquals(1, ServiceJvm.arguments(root, jar).size());
    }

    @Test
    void aCacheNewerThanTheJarAndTheOptionsIsUsed() throws IOException {
        Path cache = trainedAt(BUILT.plusSeconds(60));

        assertEquals(JDK_WITH_AOT_CACHE ? Optional.of(cache) : Optional.empty(), AotCache.usable(root, jar));
        assertFalse(AotCache.needsTraining(root, jar));
        if (JDK_WITH_AOT_CACHE) {
            assertEquals("-XX:AOTCache=" + cache.toAbsolutePath(), ServiceJvm.arguments(root, jar).get(1));
        }
    }

    @Test
    void aCacheOlderThanTheJarOrTheOptionsIsNot() throws IOException {
        trainedAt(BUILT.plusSeconds(60));
        setModified(jar, BUILT.plusSeconds(120));
        assertEquals(Optional.empty(), AotCache.usable(root, jar));
        assertEquals(JDK_WITH_AOT_CACHE, AotCache.needsTraining(root, jar));

        setModified(jar, BUILT);
        setModified(options, BUILT.plusSeconds(120));
        assertEquals(Optional.empty(), AotCache.usable(root, jar));
        assertEquals(JDK_WITH_AOT_CACHE, AotCache.needsTraining(root, jar));
    }

    @Test
    void aFastJarNeverGetsACache() throws IOException {
        writeJar(jar, "io.quarkus.bootstrap.runner.QuarkusEntryPoint");
        trainedAt(Instant.now().plusSeconds(60));

        assertEquals(Optional.empty(), AotCache.usable(root, jar));
        assertFalse(AotCache.needsTraining(root, jar));
        assertEquals(1, ServiceJvm.arguments(root, jar).size());
    }

    @Test
    void theCacheIsNamedAfterTheJdkThatMadeIt() {
        assertEquals(jar.getParent(), AotCache.file(jar).getParent());
        assertEquals("quarkus-run." + Runtime.version().toString().replace('+', '_') + ".aot",
                AotCache.file(jar).getFileName().toString());
    }

    private Path trainedAt(Instant when) throws IOException {
        Path cache = AotCache.file(jar);
        Files.writeString(cache, "cache");
        setModified(cache, when);
        return cache;
    }

    private static void writeJar(Path jar, String mainClass) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // A manifest is all the check reads.
        }
    }

    private static void setModified(Path file, Instant when) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(when));
    }
}
