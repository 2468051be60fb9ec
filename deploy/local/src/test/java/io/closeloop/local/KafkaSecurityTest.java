package io.closeloop.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.closeloop.contracts.Topics;
import io.closeloop.testing.KafkaClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local broker as a deployment runs it: only Keycloak tokens get in, and each principal (a service's or a
 * site's client id) may touch only what its KafkaUser in deploy/k8s allows.
 */
class KafkaSecurityTest {

    private static String bootstrap;

    @BeforeAll
    static void start() {
        bootstrap = LocalInfra.ensureRunning().kafkaBootstrapServers();
    }

    @Test
    void aSitePublishesToItsOwnTopicButNotToAnotherSites() throws Exception {
        try (KafkaProducer<String, String> north = producer(KafkaClients.site(bootstrap, "north"))) {
            RecordMetadata own = north.send(new ProducerRecord<>(Topics.reportedBy("north"), "north/K-1", "{}"))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(Topics.reportedBy("north"), own.topic());

            ExecutionException refused = assertThrows(ExecutionException.class, () -> north.send(
                    new ProducerRecord<>(Topics.reportedBy("south"), "south/K-1", "{}")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
            assertEquals(Set.of(Topics.reportedBy("south")),
                    ((TopicAuthorizationException) refused.getCause()).unauthorizedTopics());
        }
    }

    @Test
    void aSiteCannotReadEvenItsOwnTopic() {
        Properties config = KafkaClients.site(bootstrap, "north");
        try (KafkaConsumer<String, String> consumer = consumer(config)) {
            consumer.assign(List.of(new TopicPartition(Topics.reportedBy("north"), 0)));
            assertThrows(TopicAuthorizationException.class, () -> pollUntilFailure(consumer));
        }
    }

    @Test
    void aClientWithoutATokenIsRefused() {
        Properties config = KafkaClients.config(bootstrap);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        config.keySet().removeIf(key -> key.toString().startsWith("sasl."));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        try (Admin admin = Admin.create(config)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
            // The listener speaks only SASL: it drops the connection at the first request, so nothing is answered.
            assertInstanceOf(TimeoutException.class, refused.getCause());
        }
    }

    @Test
    void anUnsignedTokenNamingTheSuperUserIsRefused() {
        Properties config = KafkaClients.config(bootstrap);
        config.keySet().removeIf(key -> key.toString().startsWith("sasl.oauthbearer.")
                || key.equals(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS));
        // Kafka's default login handler makes an unsecured (alg none) token with whatever subject it is told.
        config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule"
                + " required unsecuredLoginStringClaim_sub=\"" + KafkaClients.TOOLS_CLIENT + "\" ;");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        try (Admin admin = Admin.create(config)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(20, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
    }

    @Test
    void aServiceCannotReadAnotherServicesTopicOrJoinItsGroup() {
        Properties asAction = KafkaClients.config(bootstrap, "action-service");
        try (KafkaConsumer<String, String> consumer = consumer(asAction)) {
            // incident-service's input, not action-service's.
            consumer.assign(List.of(new TopicPartition(Topics.reportedBy("north"), 0)));
            assertThrows(TopicAuthorizationException.class, () -> pollUntilFailure(consumer));
        }

        asAction.put(ConsumerConfig.GROUP_ID_CONFIG, "incident-service");
        try (KafkaConsumer<String, String> consumer = consumer(asAction)) {
            consumer.subscribe(List.of(Topics.ACCOUNTABILITY_ASSIGNED));
            GroupAuthorizationException refused =
                    assertThrows(GroupAuthorizationException.class, () -> pollUntilFailure(consumer));
            assertEquals("incident-service", refused.groupId());
        }
    }

    @Test
    void aServiceCannotPublishAnotherStagesEvents() throws Exception {
        try (KafkaProducer<String, String> action = producer(KafkaClients.config(bootstrap, "action-service"))) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> action.send(
                    new ProducerRecord<>(Topics.INCIDENTS_CLOSED, "id", "{}")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }
    }

    @Test
    void theDeclaredSitesAreTheRealmsSiteClientsAndEachHasAnAcl() {
        Set<String> siteClients = new TreeSet<>();
        Realm.local().confidentialClients().stream()
                .filter(client -> client.startsWith(KafkaSecurity.SITE_CLIENT_PREFIX))
                .forEach(siteClients::add);
        Set<String> declared = new TreeSet<>();
        KafkaSecurity.sites().forEach(site -> declared.add(KafkaSecurity.siteClient(site)));

        assertEquals(declared, siteClients);
        assertTrue(KafkaSecurity.sites().containsAll(List.of("north", "south")), KafkaSecurity.sites().toString());
        Path checkout = LocalInfra.defaultStateDir().getParent().getParent();
        assertEquals(Sites.read(checkout).stream().map(Sites.Site::code).toList(), KafkaSecurity.sites(),
                "the site KafkaUsers are the sites of " + Sites.DECLARATION);
        for (String site : KafkaSecurity.sites()) {
            assertTrue(KafkaSecurity.acls().stream().anyMatch(acl ->
                    acl.entry().principal().equals("User:" + KafkaSecurity.siteClient(site))
                            && acl.pattern().name().equals(Topics.reportedBy(site))), site);
        }
    }

    @Test
    void everyConfidentialClientHasTheSecretTestClientsExpect() {
        for (String client : Realm.local().confidentialClients()) {
            assertEquals("local-dev-only-" + client + "-secret", Realm.local().clientSecret(client));
        }
    }

    /** Polls until the broker's refusal surfaces; a consumer that is let in fails the caller's assertThrows. */
    private static void pollUntilFailure(KafkaConsumer<String, String> consumer) {
        for (int poll = 0; poll < 30; poll++) {
            consumer.poll(Duration.ofMillis(500));
        }
    }

    private static KafkaProducer<String, String> producer(Properties config) {
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Properties config) {
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
