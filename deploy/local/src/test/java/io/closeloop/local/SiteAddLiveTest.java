package io.closeloop.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.closeloop.contracts.Topics;
import io.closeloop.testing.KafkaClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a site, live: {@code ./closeloop site add} on a copy of the checkout, then the same step that command takes
 * on a running platform ({@link LiveSites}), against the real broker and Keycloak. The new site's own client may
 * publish to its own topic and not to north's, and incident-service may read what it published. Everything the
 * test created is removed at the end, so the shared infrastructure keeps only the declared sites.
 */
class SiteAddLiveTest {

    private static final List<String> COPIED = List.of("deploy/k8s", "deploy/keycloak", Sites.DECLARATION,
            SiteFiles.INCIDENT_PROPERTIES);

    @Test
    void aSiteAddedToARunningPlatformPublishesToItsOwnTopicOnlyAndIncidentServiceReadsIt(@TempDir Path root)
            throws Exception {
        LocalInfra.Endpoints infra = LocalInfra.ensureRunning();
        String bootstrap = infra.kafkaBootstrapServers();
        copyCheckout(root);
        // Random, so that repeated runs on one infrastructure never meet an earlier run's site.
        String site = "trial-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = Topics.reportedBy(site);
        SiteFiles.add(root, site, "Trial " + site);
        try {
            List<String> done = LiveSites.apply(root, infra);
            assertTrue(done.contains("created Keycloak client site-" + site), done.toString());
            assertTrue(done.contains("created topic " + topic), done.toString());

            String key = site + "/K-1";
            publishAsTheSite(bootstrap, site, topic, key);
            try (KafkaProducer<String, String> producer = producer(KafkaClients.site(bootstrap, site))) {
                ExecutionException refused = assertThrows(ExecutionException.class, () -> producer.send(
                        new ProducerRecord<>(Topics.reportedBy("north"), "north/K-1", "{}")).get(30, TimeUnit.SECONDS));
                assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
            }
            assertEquals(key, readAsIncidentService(bootstrap, topic, key));

            List<String> again = LiveSites.apply(root, infra);
            assertTrue(again.stream().noneMatch(step -> step.startsWith("created")), "a second run: " + again);
        } finally {
            removeSite(infra, site);
        }
    }

    /** The broker applies new ACLs from its metadata log: a first send may still be refused. Bounded retries. */
    private static void publishAsTheSite(String bootstrap, String site, String topic, String key) throws Exception {
        ExecutionException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try (KafkaProducer<String, String> producer = producer(KafkaClients.site(bootstrap, site))) {
                assertEquals(topic, producer.send(new ProducerRecord<>(topic, key, "{}")).get(30, TimeUnit.SECONDS).topic());
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicAuthorizationException)) {
                    throw e;
                }
                last = e;
                Thread.sleep(500);
            }
        }
        throw new AssertionError("site " + site + " could not publish to its own topic", last);
    }

    private static String readAsIncidentService(String bootstrap, String topic, String key) {
        Properties config = KafkaClients.config(bootstrap, "incident-service");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (int poll = 0; poll < 60; poll++) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(key)) {
                        return record.key();
                    }
                }
            }
        }
        throw new AssertionError("incident-service did not read " + key + " from " + topic);
    }

    private static void removeSite(LocalInfra.Endpoints infra, String site) throws Exception {
        String client = KafkaSecurity.siteClient(site);
        try (HttpClient http = HttpClient.newHttpClient()) {
            String admin = LiveSites.adminToken(http, infra);
            LiveSites.clientId(http, infra, admin, client).ifPresent(id ->
                    LiveSites.send(http, LiveSites.request(infra, admin, "/clients/" + id).DELETE()));
        }
        List<AclBindingFilter> acls = new ArrayList<>();
        for (String topic : List.of(Topics.reportedBy(site), Topics.deadLetterOf(Topics.reportedBy(site)))) {
            acls.add(new AclBindingFilter(new ResourcePatternFilter(ResourceType.TOPIC, topic, PatternType.LITERAL),
                    new AccessControlEntryFilter(null, null, AclOperation.ANY, AclPermissionType.ANY)));
        }
        try (Admin admin = Admin.create(KafkaClients.config(infra.kafkaBootstrapServers()))) {
            admin.deleteAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
        LocalInfra.deleteTopics(Topics.reportedBy(site));
    }

    private static void copyCheckout(Path root) {
        Path checkout = LocalInfra.defaultStateDir().getParent().getParent();
        for (String path : COPIED) {
            try (Stream<Path> files = Files.walk(checkout.resolve(path))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = root.resolve(checkout.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static KafkaProducer<String, String> producer(Properties config) {
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
