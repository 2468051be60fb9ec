package io.closeloop.local;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closeloop.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every file that depends on the declared sites ({@link Sites}), generated from the declaration, so that adding a
 * site is one step: {@link #add} declares it and {@link #sync} rewrites what changed. The generated files are
 * committed, so a cluster still applies plain manifests. Whole files where an object belongs to one site (its
 * topics, its KafkaUser, its dev Secret); in the hand-written files, only the site-dependent part: the marked
 * region of incident-service's ACLs, the list of sites incident-service accepts, and the realm's site clients.
 * The realm import is derived from the realm, so it is rewritten here too.
 */
public final class SiteFiles {

    public static final String SITE_TOPICS = "deploy/k8s/base/kafka/site-topics.yaml";
    public static final String SITE_USERS = "deploy/k8s/base/kafka/site-users.yaml";
    public static final String USERS = "deploy/k8s/base/kafka/users.yaml";
    public static final String DEV_SECRETS = "deploy/k8s/overlays/dev/site-secrets.yaml";
    public static final String CONFIG_MAP = "deploy/k8s/base/services/incident-service/configmap.yaml";
    public static final String INCIDENT_PROPERTIES = "incident-service/src/main/resources/application.properties";
    public static final String REALM = RealmImport.SOURCE;
    /** The command that regenerates every file here; the checks name it when a file is not current. */
    public static final String COMMAND = "./closeloop generate";

    private static final String HEADER = "# GENERATED from " + Sites.DECLARATION + " by " + COMMAND
            + " (or ./closeloop site add): do not edit.\n";
    private static final String BEGIN = "# BEGIN GENERATED sites";
    private static final String END = "# END GENERATED sites";
    private static final Pattern CONFIG_MAP_SITES = Pattern.compile("(?m)^(\\s+CLOSELOOP_INCIDENT_SITES: ).*$");
    private static final Pattern PROPERTY_SITES = Pattern.compile("(?m)^(closeloop\\.incident\\.sites=).*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SiteFiles() {
    }

    /** What every generated file should hold, from the declaration and the hand-written files at {@code root}. */
    public static Map<String, String> generate(Path root) {
        List<Sites.Site> sites = Sites.read(root);
        String codes = String.join(",", sites.stream().map(Sites.Site::code).toList());
        Map<String, String> files = new LinkedHashMap<>();
        files.put(SITE_TOPICS, siteTopics(sites));
        files.put(SITE_USERS, siteUsers(sites));
        files.put(USERS, region(read(root, USERS), USERS, incidentServiceAcls(sites)));
        files.put(DEV_SECRETS, devSecrets(sites));
        files.put(CONFIG_MAP, replace(read(root, CONFIG_MAP), CONFIG_MAP, CONFIG_MAP_SITES, "\"" + codes + "\""));
        files.put(INCIDENT_PROPERTIES, replace(read(root, INCIDENT_PROPERTIES), INCIDENT_PROPERTIES, PROPERTY_SITES, codes));
        ObjectNode realm = withSiteClients(readRealm(root), sites);
        files.put(REALM, json(realm));
        files.put(RealmImport.TARGET, RealmImport.generate(realm));
        return files;
    }

    /** The generated files whose content at {@code root} is not what {@link #generate} makes. */
    public static List<String> stale(Path root) {
        List<String> stale = new ArrayList<>();
        generate(root).forEach((file, content) -> {
            if (!Files.exists(root.resolve(file)) || !read(root, file).equals(content)) {
                stale.add(file);
            }
        });
        return stale;
    }

    /** Writes every generated file that is not current; returns those it wrote. Running it again writes nothing. */
    public static List<String> sync(Path root) {
        List<String> written = new ArrayList<>();
        generate(root).forEach((file, content) -> {
            Path path = root.resolve(file);
            try {
                if (!Files.exists(path) || !Files.readString(path).equals(content)) {
                    Files.writeString(path, content);
                    written.add(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return written;
    }

    /** Declares a site and regenerates; returns the files written, the declaration first. */
    public static List<String> add(Path root, String code, String name) {
        List<String> stale = stale(root);
        if (!stale.isEmpty()) {
            // Otherwise the new site's changes would be mixed with someone's edits of generated files.
            throw new IllegalStateException("Generated files are not current, see " + COMMAND + " first: " + stale);
        }
        Sites.declare(root, code, name);
        List<String> written = new ArrayList<>(List.of(Sites.DECLARATION));
        written.addAll(sync(root));
        return written;
    }

    private static String siteTopics(List<Sites.Site> sites) {
        StringBuilder out = new StringBuilder(HEADER).append(
                "# Each site's incident topic (written only by the site, read by incident-service) and its dead-letter topic.\n");
        String separator = "";
        for (Sites.Site site : sites) {
            out.append(separator).append(topic(Topics.reportedBy(site.code()), site, "events", 3, "2592000000"))
                    .append("---\n# Records incident-service could not use, kept 90 days for investigation.\n")
                    .append(topic(Topics.deadLetterOf(Topics.reportedBy(site.code())), site, "dead-letters", 1, "7776000000"));
            separator = "---\n";
        }
        return out.toString();
    }

    private static String topic(String name, Sites.Site site, String role, int partitions, String retention) {
        return """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: %s
                  labels:
                    strimzi.io/cluster: closeloop
                    closeloop.io/topic-role: %s
                    closeloop.io/site: %s
                spec:
                  partitions: %d
                  replicas: 3
                  config:
                    retention.ms: "%s"
                    min.insync.replicas: "2"
                """.formatted(name, role, site.code(), partitions, retention);
    }

    private static String siteUsers(List<Sites.Site> sites) {
        StringBuilder out = new StringBuilder(HEADER).append("""
                # One KafkaUser per site, named after its Keycloak client (the listener's principal is the token's
                # client id): it may write its own incident topic and nothing else, not even read it. The ACL is
                # literal: a prefixed one for north would reach northwest too.
                """);
        String separator = "";
        for (Sites.Site site : sites) {
            out.append(separator).append("""
                    apiVersion: kafka.strimzi.io/v1
                    kind: KafkaUser
                    metadata:
                      name: %s
                      labels:
                        strimzi.io/cluster: closeloop
                        closeloop.io/principal: site
                        closeloop.io/site: %s
                    spec:
                      authorization:
                        type: simple
                        acls:
                    %s""".formatted(site.clientId(), site.code(),
                    acl(Topics.reportedBy(site.code()), "Write")));
            separator = "---\n";
        }
        return out.toString();
    }

    /** incident-service reads every site's topic and writes its dead letters; literal ACLs, one per topic. */
    private static String incidentServiceAcls(List<Sites.Site> sites) {
        StringBuilder out = new StringBuilder();
        for (Sites.Site site : sites) {
            out.append(acl(Topics.reportedBy(site.code()), "Read"));
            out.append(acl(Topics.deadLetterOf(Topics.reportedBy(site.code())), "Write"));
        }
        return out.toString();
    }

    private static String acl(String topic, String operation) {
        return """
                      - resource:
                          type: topic
                          name: %s
                          patternType: literal
                        operations:
                          - %s
                          - Describe
                """.formatted(topic, operation);
    }

    private static String devSecrets(List<Sites.Site> sites) {
        StringBuilder out = new StringBuilder(HEADER).append("""
                # The site clients' secrets for a developer's cluster: LOCAL-DEVELOPMENT values, the same as the local
                # realm's. Never use them anywhere else: production creates each site-<code>-oidc Secret itself.
                """);
        String separator = "";
        for (Sites.Site site : sites) {
            out.append(separator).append("""
                    apiVersion: v1
                    kind: Secret
                    metadata:
                      name: %s
                      labels:
                        closeloop.io/values: local-development-only
                    type: Opaque
                    stringData:
                      client-secret: %s
                    """.formatted(RealmImport.secretOf(site.clientId()), Realm.localSecret(site.clientId())));
            separator = "---\n";
        }
        return out.toString();
    }

    /**
     * The realm with one confidential client per site, in place of the site clients it had (where the first of
     * them was, else at the end). A site's tokens carry only the Kafka audience, so they open no Closeloop API.
     */
    private static ObjectNode withSiteClients(ObjectNode realm, List<Sites.Site> sites) {
        ObjectNode result = realm.deepCopy();
        ArrayNode clients = (ArrayNode) result.path("clients");
        int at = -1;
        for (int i = clients.size() - 1; i >= 0; i--) {
            if (clients.get(i).path("clientId").asText().startsWith(KafkaSecurity.SITE_CLIENT_PREFIX)) {
                clients.remove(i);
                at = i;
            }
        }
        at = at < 0 ? clients.size() : at;
        for (Sites.Site site : sites) {
            clients.insert(at++, siteClient(site));
        }
        return result;
    }

    private static ObjectNode siteClient(Sites.Site site) {
        ObjectNode client = JSON.createObjectNode();
        client.put("clientId", site.clientId());
        client.put("name", "Site " + site.name());
        client.put("description", "Kafka client of site " + site.code() + "'s own systems: may only publish to "
                + Topics.reportedBy(site.code()) + ". Audience kafka only, so its tokens open no Closeloop API. "
                + "The secret is a local-development default.");
        client.put("enabled", true);
        client.put("protocol", "openid-connect");
        client.put("publicClient", false);
        client.put("clientAuthenticatorType", "client-secret");
        client.put("secret", Realm.localSecret(site.clientId()));
        client.put("serviceAccountsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.put("implicitFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        ObjectNode audience = client.putArray("protocolMappers").addObject();
        audience.put("name", "kafka audience");
        audience.put("protocol", "openid-connect");
        audience.put("protocolMapper", "oidc-audience-mapper");
        audience.put("consentRequired", false);
        audience.putObject("config")
                .put("included.custom.audience", KafkaSecurity.AUDIENCE)
                .put("access.token.claim", "true")
                .put("id.token.claim", "false")
                .put("introspection.token.claim", "true");
        return client;
    }

    private static String region(String text, String file, String generated) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " has no region '" + BEGIN + "' ... '" + END + "'");
        }
        int afterBeginLine = text.indexOf('\n', begin) + 1;
        int endLineStart = text.lastIndexOf('\n', end) + 1;
        return text.substring(0, afterBeginLine) + generated + text.substring(endLineStart);
    }

    private static String replace(String text, String file, Pattern line, String value) {
        Matcher matcher = line.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(file + " has no line " + line.pattern());
        }
        return matcher.replaceFirst(Matcher.quoteReplacement(matcher.group(1) + value));
    }

    private static ObjectNode readRealm(Path root) {
        try {
            return (ObjectNode) JSON.readTree(root.resolve(REALM).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two-space indents and {@code "key": value}, as the realm file is written. */
    private static String json(JsonNode node) {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path root, String file) {
        try {
            return Files.readString(root.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
