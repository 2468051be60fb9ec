package io.closeloop.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closeloop.contracts.Topics;
import io.closeloop.local.RealmImport;
import io.closeloop.local.SiteFiles;
import io.closeloop.local.Sites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a site is one step: {@code ./closeloop site add} declares it in deploy/sites.yaml and regenerates every
 * file that depends on the sites ({@link SiteFiles}), after which every check of the sites holds for it.
 */
class SitesTest {

    /** What the generator reads and writes, copied for a trial run: the manifests, the realm, the declaration. */
    private static final List<String> COPIED = List.of("deploy/k8s", "deploy/keycloak", Sites.DECLARATION,
            SiteFiles.INCIDENT_PROPERTIES);

    @Test
    void everyGeneratedFileIsCurrent() {
        assertThat(SiteFiles.stale(Repo.ROOT))
                .as("generated from %s and %s but not current: regenerate with %s", Sites.DECLARATION,
                        RealmImport.SOURCE, SiteFiles.COMMAND)
                .isEmpty();
    }

    @Test
    void theDeclaredSitesAreTheSitesIncidentServiceAccepts() {
        List<String> declared = Sites.read(Repo.ROOT).stream().map(Sites.Site::code).toList();
        assertThat(declared).contains("north", "south");
        for (String overlay : Repo.OVERLAYS) {
            assertThat(KafkaTopicsTest.sites(Manifests.of(overlay))).as(overlay).containsExactlyInAnyOrderElementsOf(declared);
        }
        assertThat(ServiceConfig.of("incident-service").keys.get("closeloop.incident.sites"))
                .isEqualTo(String.join(",", declared));
    }

    @Test
    void addingASiteIsOneStepAfterWhichEveryCheckHoldsForIt(@TempDir Path root) {
        copyCheckout(root);
        // A code that starts with another site's: literal ACLs keep north's from reaching it.
        List<String> written = SiteFiles.add(root, "northwest", "North West House");

        assertThat(written).containsExactly(Sites.DECLARATION, SiteFiles.SITE_TOPICS, SiteFiles.SITE_USERS,
                SiteFiles.USERS, SiteFiles.DEV_SECRETS, SiteFiles.CONFIG_MAP, SiteFiles.INCIDENT_PROPERTIES,
                SiteFiles.REALM, RealmImport.TARGET);
        assertThat(SiteFiles.stale(root)).isEmpty();
        assertThat(SiteFiles.sync(root)).as("files a second run writes").isEmpty();

        Manifests dev = Manifests.of(root, "dev");
        for (Manifests m : List.of(dev, Manifests.of(root, "production"))) {
            assertThat(KafkaTopicsTest.sites(m)).as(m.overlay).containsExactly("north", "northwest", "south");
            assertThat(KafkaTopicsTest.topics(m)).as(m.overlay)
                    .containsKeys(Topics.reportedBy("northwest"), Topics.deadLetterOf(Topics.reportedBy("northwest")));
            assertThat(m.find("KafkaUser", "site-northwest")).as(m.overlay).isPresent();
            KafkaTopicsTest.everyTopicAServiceNamesHasAKafkaTopicAndEveryKafkaTopicIsUsed(m);
            KafkaTopicsTest.autoscalersStayWithinThePartitionsOfWhatTheyConsume(m);
            KafkaTopicsTest.eachPrincipalMayReadAndWriteExactlyWhatItUses(m);
            KafkaTopicsTest.everyPrincipalIsARealmClientWithTheListenersAudienceAndEverySiteHasOne(m);
            CrossReferencesTest.everySecretAndConfigMapKeyReferencedIsDefinedOrDocumentedAsRequired(m, dev);
        }
        assertThat(Manifests.of(root, "production").get("KafkaTopic", Topics.reportedBy("northwest"))
                .at("/spec/partitions").asInt()).as("the production patch reaches the new topic").isEqualTo(12);
        assertThat(dev.get("Secret", "site-northwest-oidc").at("/stringData/client-secret").asText())
                .isEqualTo("local-dev-only-site-northwest-secret");

        JsonNode client = clientOf(root, "site-northwest");
        assertThat(client.path("name").asText()).isEqualTo("Site North West House");
        assertThat(client.path("secret").asText()).isEqualTo("local-dev-only-site-northwest-secret");
        assertThat(read(root, SiteFiles.INCIDENT_PROPERTIES)).contains("\ncloseloop.incident.sites=north,south,northwest\n");
        assertThat(read(root, Sites.DECLARATION)).endsWith("  - code: northwest\n    name: \"North West House\"\n")
                .startsWith(read(Repo.ROOT, Sites.DECLARATION));
    }

    @Test
    void aSiteWithABadCodeOrNameOrOneAlreadyDeclaredIsRefusedAndNothingChanges(@TempDir Path root) {
        copyCheckout(root);
        Map<String, String> before = contents(root);
        for (String code : List.of("north", "North", "east_1", "east.1", "", "a".repeat(41))) {
            assertThatThrownBy(() -> SiteFiles.add(root, code, "East")).as(code).isInstanceOf(IllegalArgumentException.class);
        }
        for (String name : List.of("", " ", "East\nHouse")) {
            assertThatThrownBy(() -> SiteFiles.add(root, "east", name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(contents(root)).isEqualTo(before);
    }

    @Test
    void aSiteIsNotAddedOverHandEditsOfAGeneratedFile(@TempDir Path root) throws IOException {
        copyCheckout(root);
        Path topics = root.resolve(SiteFiles.SITE_TOPICS);
        Files.writeString(topics, Files.readString(topics).replace("partitions: 3", "partitions: 5"));
        assertThatThrownBy(() -> SiteFiles.add(root, "east", "East")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SiteFiles.SITE_TOPICS).hasMessageContaining(SiteFiles.COMMAND);
        assertThat(Sites.read(root)).extracting(Sites.Site::code).containsExactly("north", "south");
    }

    private static void copyCheckout(Path root) {
        for (String path : COPIED) {
            Path source = Repo.ROOT.resolve(path);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = root.resolve(Repo.ROOT.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Map<String, String> contents(Path root) {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> contents.put(root.relativize(f).toString(), Repo.read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contents;
    }

    private static JsonNode clientOf(Path root, String clientId) {
        try {
            for (JsonNode client : new ObjectMapper().readTree(root.resolve(SiteFiles.REALM).toFile()).path("clients")) {
                if (client.path("clientId").asText().equals(clientId)) {
                    return client;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no client " + clientId + " in the realm");
    }

    private static String read(Path root, String file) {
        return Repo.read(root.resolve(file));
    }
}
