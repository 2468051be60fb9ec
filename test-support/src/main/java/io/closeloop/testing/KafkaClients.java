package io.closeloop.testing;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The one place test and benchmark clients get their connection settings. The broker requires a Keycloak token
 * (SASL/OAUTHBEARER) and checks ACLs against the token's client id, so each client authenticates as a principal:
 * by default the local operator's {@value #TOOLS_CLIENT}, a super user of the local broker, or a site's own client.
 *
 * <p>The token URL comes from the system property {@value #TOKEN_URL_PROPERTY}, which
 * {@code LocalInfra.ensureRunning()} sets, together with Kafka's URL allow-list, in every JVM that uses the local
 * infrastructure. The secrets here are the local realm's development defaults.
 */
public final class KafkaClients {

    /** Set by deploy/local's {@code LocalInfra.ensureRunning()}. */
    public static final String TOKEN_URL_PROPERTY = "closeloop.kafka.token-url";
    /** The local operator's principal: creates, reads and writes any topic, on the local broker only. */
    public static final String TOOLS_CLIENT = "closeloop-tools";

    private KafkaClients() {
    }

    /** Connection settings for a client of the broker at {@code bootstrapServers}, as the local operator. */
    public static Properties config(String bootstrapServers) {
        return config(bootstrapServers, TOOLS_CLIENT);
    }

    /** Connection settings for a client that authenticates as the local realm's client {@code clientId}. */
    public static Properties config(String bootstrapServers, String clientId) {
        String tokenUrl = System.getProperty(TOKEN_URL_PROPERTY);
        if (tokenUrl == null) {
            throw new IllegalStateException(TOKEN_URL_PROPERTY + " is not set: LocalInfra.ensureRunning() sets it");
        }
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        props.put(SaslConfigs.SASL_MECHANISM, "OAUTHBEARER");
        props.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS,
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
        props.put(SaslConfigs.SASL_JAAS_CONFIG,
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required ;");
        props.put(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, tokenUrl);
        props.put(SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_ID, clientId);
        props.put(SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET, localSecret(clientId));
        return props;
    }

    /** Connection settings of a site's own system: it may write its own incident topic and nothing else. */
    public static Properties site(String bootstrapServers, String site) {
        return config(bootstrapServers, siteClient(site));
    }

    /**
     * Lets the realm client {@code clientId} use the consumer group {@code group} as well as its own, as the local
     * operator: for a replay or a benchmark run that reads from the beginning in a fresh group.
     */
    public static void allowGroup(String bootstrapServers, String clientId, String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        AclBinding read = new AclBinding(new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL),
                new AccessControlEntry("User:" + clientId, "*", AclOperation.READ, AclPermissionType.ALLOW));
        try (Admin admin = Admin.create(config(bootstrapServers))) {
            admin.createAcls(List.of(read)).all().get(30, TimeUnit.SECONDS);
        }
    }

    public static String siteClient(String site) {
        return "site-" + site;
    }

    /** The local realm's development default: every confidential client's secret follows this rule. */
    private static String localSecret(String clientId) {
        return "local-dev-only-" + clientId + "-secret";
    }
}
