package io.closeloop.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closeloop.testing.KafkaClients;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real processes: Kafka, PostgreSQL and Keycloak as the services' tests will use them. */
class LocalInfraTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalInfra.Endpoints endpoints;

    @BeforeAll
    static void start() {
        endpoints = LocalInfra.ensureRunning();
    }

    @Test
    void aSecondCallReusesTheRunningInfrastructure() {
        String supervisor = supervisorPid();

        assertEquals(endpoints, LocalInfra.ensureRunning());
        assertEquals(supervisor, supervisorPid());
    }

    @Test
    void kafkaCarriesARecordAndTopicsCanBeDeleted() {
        String topic = "local-infra-test." + UUID.randomUUID();
        Properties producerConfig = KafkaClients.config(endpoints.kafkaBootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "hello")).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Properties consumerConfig = KafkaClients.config(endpoints.kafkaBootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "local-infra-test");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, String> received = null;
            for (int poll = 0; poll < 60 && received == null; poll++) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));
                received = records.isEmpty() ? null : records.iterator().next();
            }
            assertTrue(received != null, "no record within 60 polls");
            assertEquals("hello", received.value());
        }

        assertEquals(List.of(topic), LocalInfra.deleteTopics("local-infra-test."));
        assertEquals(List.of(), LocalInfra.deleteTopics("local-infra-test."));
    }

    @Test
    void postgresIsDurableAndADatabaseCanBeRecreatedEmpty() throws SQLException {
        LocalInfra.recreateDatabase("local_infra_test");
        try (Connection connection = connect("local_infra_test");
                Statement statement = connection.createStatement()) {
            assertEquals("on", show(statement, "fsync"));
            assertEquals("on", show(statement, "synchronous_commit"));
            statement.execute("CREATE TABLE note (text varchar(20))");
            statement.execute("INSERT INTO note VALUES ('kept')");
        }

        // An open connection must not stop the reset.
        try (Connection open = connect("local_infra_test")) {
            LocalInfra.recreateDatabase("local_infra_test");
        }

        try (Connection connection = connect("local_infra_test");
                Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'note'")) {
            tables.next();
            assertEquals(0, tables.getInt(1));
        }
        for (String database : PostgresNode.DATABASES) {
            connect(database).close();
        }
    }

    @Test
    void everyDemoUserGetsATokenWithRolesSitesAndTheCloseloopAudience() throws Exception {
        for (Realm.DemoUser user : Realm.local().demoUsers()) {
            JsonNode claims = claims(token(Map.of(
                    "grant_type", "password",
                    "client_id", "console",
                    "username", user.username(),
                    "password", user.password())));

            assertEquals(endpoints.authServerUrl(), claims.path("iss").asText());
            assertEquals(user.username(), claims.path("preferred_username").asText());
            assertTrue(texts(claims.path("aud")).contains("closeloop"), claims.toString());
            assertEquals(user.roles(), texts(claims.path("realm_access").path("roles")));
            assertEquals(user.sites(), texts(claims.path("sites")));
        }
    }

    @Test
    void aServiceAccountLooksUpUsersAndTheirRealmRoles() throws Exception {
        String token = token(Map.of(
                "grant_type", "client_credentials",
                "client_id", "incident-service",
                "client_secret", Realm.local().clientSecret("incident-service")));
        assertTrue(texts(claims(token).path("aud")).contains("closeloop"));

        String admin = endpoints.keycloakUrl() + "/admin/realms/" + endpoints.realm();
        JsonNode users = get(admin + "/users?exact=true&username=leader.north", token);
        assertEquals(1, users.size());
        assertEquals(List.of("north"), texts(users.get(0).path("attributes").path("sites")));

        JsonNode roles = get(admin + "/users/" + users.get(0).path("id").asText() + "/role-mappings/realm", token);
        assertEquals(List.of("leader"),
                StreamSupport.stream(roles.spliterator(), false).map(role -> role.path("name").asText()).toList());
    }

    @Test
    void theTestResourceGivesQuarkusTheEndpointsAndAnEmptyDatabase() throws SQLException {
        LocalInfraTestResource resource = new LocalInfraTestResource();
        resource.init(Map.of("database", "local_resource_test"));

        Map<String, String> config = resource.start();

        assertEquals(endpoints.kafkaBootstrapServers(), config.get("kafka.bootstrap.servers"));
        assertEquals(endpoints.jdbcUrl("local_resource_test"), config.get("quarkus.datasource.jdbc.url"));
        assertEquals(endpoints.authServerUrl(), config.get("quarkus.oidc.auth-server-url"));
        assertEquals(endpoints.keycloakUrl(), config.get("closeloop.keycloak.url"));
        try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"))) {
            assertTrue(connection.isValid(5));
        }
        resource.stop();
        assertFalse(LocalInfra.runningState(LocalInfra.defaultStateDir()).isEmpty(),
                "the infrastructure outlives stop()");
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(database), endpoints.postgresUser(),
                endpoints.postgresPassword());
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String supervisorPid() {
        return LocalInfra.runningState(LocalInfra.defaultStateDir()).orElseThrow().getProperty("supervisor.pid");
    }

    private static String token(Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static JsonNode get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** A claim that is a string or an array of strings, as a list. */
    private static List<String> texts(JsonNode node) {
        return node.isArray()
                ? StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList()
                : node.isMissingNode() ? List.of() : List.of(node.asText());
    }
}
