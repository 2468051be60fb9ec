package io.closeloop.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The local broker's security, as in a deployment: every client presents a Keycloak token (SASL/OAUTHBEARER,
 * Kafka's own KIP-768 classes), its principal is the token's client id, and it may do only what the ACLs of
 * the Kubernetes KafkaUsers ({@code deploy/k8s/base/kafka/users.yaml} and {@code site-users.yaml}) allow. Those
 * KafkaUsers are the one declared source of who may touch which topic and group; the sites' are generated from
 * {@code deploy/sites.yaml}.
 */
final class KafkaSecurity {

    /** Kafka fetches tokens and keys only from URLs listed in this JVM property, in every JVM. */
    static final String ALLOWED_URLS = LocalInfra.KAFKA_ALLOWED_URLS_PROPERTY;
    /** The audience the broker requires: only the clients with Kafka access carry it. */
    static final String AUDIENCE = "kafka";
    /** The broker's own principal, a super user; local only (Strimzi's brokers talk over their own TLS listener). */
    static final String BROKER_CLIENT = "kafka-broker";
    /** The operator's principal of the local run and the tests, a super user; local only. */
    static final String TOOLS_CLIENT = "closeloop-tools";
    /** Site principals are named after the site code, as the KafkaUsers are. */
    static final String SITE_CLIENT_PREFIX = "site-";

    private static final String LOGIN_HANDLER =
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";
    private static final String VALIDATOR =
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler";
    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";
    /** The services' KafkaUsers, and the sites' (generated from deploy/sites.yaml). */
    private static final List<String> USERS_RESOURCES = List.of("users.yaml", "site-users.yaml");
    private static final String USERS_DIR = "deploy/k8s/base/kafka";

    private KafkaSecurity() {
    }

    static String tokenUrl(String realmUrl) {
        return realmUrl + "/protocol/openid-connect/token";
    }

    static String jwksUrl(String realmUrl) {
        return realmUrl + "/protocol/openid-connect/certs";
    }

    /** Settings of a client that authenticates as {@code clientId}. This JVM must allow the token URL (see LocalInfra). */
    static Map<String, Object> client(String bootstrapServers, String realmUrl, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, "OAUTHBEARER");
        config.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, LOGIN_HANDLER);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, LOGIN_MODULE + " required ;");
        config.put(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, tokenUrl(realmUrl));
        config.put(SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_ID, clientId);
        config.put(SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET, Realm.local().clientSecret(clientId));
        return config;
    }

    /**
     * Broker settings: both listeners authenticate with tokens that the realm's keys sign, for the audience
     * {@value #AUDIENCE}; the broker logs in to itself as {@value #BROKER_CLIENT}; no ACL, no access.
     */
    static Map<String, String> broker(String realmUrl, List<String> listeners) {
        Map<String, String> config = new HashMap<>();
        config.put("sasl.enabled.mechanisms", "OAUTHBEARER");
        config.put("sasl.mechanism.inter.broker.protocol", "OAUTHBEARER");
        config.put("sasl.mechanism.controller.protocol", "OAUTHBEARER");
        String jaas = LOGIN_MODULE + " required clientId=\"" + BROKER_CLIENT + "\" clientSecret=\""
                + Realm.local().clientSecret(BROKER_CLIENT) + "\" ;";
        for (String listener : listeners) {
            String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".oauthbearer.";
            config.put(prefix + "sasl.server.callback.handler.class", VALIDATOR);
            config.put(prefix + "sasl.login.callback.handler.class", LOGIN_HANDLER);
            config.put(prefix + "sasl.jaas.config", jaas);
        }
        config.put("sasl.oauthbearer.jwks.endpoint.url", jwksUrl(realmUrl));
        config.put("sasl.oauthbearer.token.endpoint.url", tokenUrl(realmUrl));
        config.put("sasl.oauthbearer.expected.issuer", realmUrl);
        config.put("sasl.oauthbearer.expected.audience", AUDIENCE);
        // The principal is the client id; the default (sub) is the service account's user id.
        config.put("sasl.oauthbearer.sub.claim.name", "azp");
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("super.users", "User:" + BROKER_CLIENT + ";User:" + TOOLS_CLIENT);
        return config;
    }

    /** Adds the realm's token and key URLs to this JVM's allow-list. */
    static void allowUrls(String realmUrl) {
        LocalInfra.allowKafkaUrls(List.of(tokenUrl(realmUrl), jwksUrl(realmUrl)));
    }

    /**
     * The ACLs of every KafkaUser, and, because no topic operator creates topics here (the broker creates them
     * on first use), the right to create each topic a principal may read or write.
     */
    static List<AclBinding> acls() {
        return acls(users());
    }

    /** The ACLs of these KafkaUsers, as {@link #acls()}. */
    static List<AclBinding> acls(List<JsonNode> users) {
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode user : users) {
            String principal = "User:" + user.at("/metadata/name").asText();
            Set<ResourcePattern> topics = new LinkedHashSet<>();
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                ResourcePattern resource = new ResourcePattern(
                        known(ResourceType.fromString(constant(acl.at("/resource/type").asText()))),
                        acl.at("/resource/name").asText(),
                        known(PatternType.fromString(constant(acl.at("/resource/patternType").asText("literal")))));
                AclPermissionType permission =
                        known(AclPermissionType.fromString(constant(acl.path("type").asText("allow"))));
                for (JsonNode operation : acl.path("operations")) {
                    bindings.add(new AclBinding(resource, new AccessControlEntry(principal, acl.path("host").asText("*"),
                            operation(operation.asText()), permission)));
                }
                if (resource.resourceType() == ResourceType.TOPIC && permission == AclPermissionType.ALLOW) {
                    topics.add(resource);
                }
            }
            topics.forEach(topic -> bindings.add(new AclBinding(topic,
                    new AccessControlEntry(principal, "*", AclOperation.CREATE, AclPermissionType.ALLOW))));
        }
        return bindings;
    }

    /** The declared sites: the site codes of the site KafkaUsers. */
    static List<String> sites() {
        return users().stream()
                .filter(user -> "site".equals(user.at("/metadata/labels/closeloop.io~1principal").asText()))
                .map(user -> user.at("/metadata/labels/closeloop.io~1site").asText())
                .toList();
    }

    static String siteClient(String site) {
        return SITE_CLIENT_PREFIX + site;
    }

    private static AclOperation operation(String name) {
        return known(AclOperation.fromString(constant(name)));
    }

    /** Strimzi spells values in camel case (IdempotentWrite, literal), Kafka's enums in upper snake case. */
    private static String constant(String strimzi) {
        return strimzi.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E known(E value) {
        if (value.name().equals("UNKNOWN")) {
            throw new IllegalArgumentException("A value in " + USERS_RESOURCES + " that Kafka does not know");
        }
        return value;
    }

    /** The KafkaUsers this module was built with. */
    private static List<JsonNode> users() {
        List<JsonNode> users = new ArrayList<>();
        for (String resource : USERS_RESOURCES) {
            try (InputStream in = KafkaSecurity.class.getResourceAsStream(resource)) {
                users.addAll(kafkaUsers(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return users;
    }

    /** The KafkaUsers of the checkout at {@code root}, as they are now. */
    static List<JsonNode> users(Path root) {
        List<JsonNode> users = new ArrayList<>();
        for (String resource : USERS_RESOURCES) {
            try (InputStream in = Files.newInputStream(root.resolve(USERS_DIR).resolve(resource))) {
                users.addAll(kafkaUsers(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return users;
    }

    private static List<JsonNode> kafkaUsers(InputStream in) throws IOException {
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(in)) {
            return documents.readAll().stream()
                    .filter(document -> "KafkaUser".equals(document.path("kind").asText()))
                    .toList();
        }
    }
}
