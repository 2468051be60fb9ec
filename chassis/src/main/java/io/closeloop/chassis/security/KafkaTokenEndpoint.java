package io.closeloop.chassis.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets this service's Kafka clients fetch their tokens. Kafka 4 calls only the token endpoints that the JVM property
 * {@value #ALLOWED_URLS} lists, a guard against client settings from untrusted hands; the endpoint here is the
 * deployment's own setting ({@code kafka.sasl.oauthbearer.token.endpoint.url}, from the OIDC server URL by
 * default), so it is allowed before the messaging channels start their clients.
 */
@ApplicationScoped
public class KafkaTokenEndpoint {

    static final String ALLOWED_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

    @ConfigProperty(name = "kafka.sasl.oauthbearer.token.endpoint.url")
    Optional<String> tokenUrl;

    /** Before the messaging lifecycle, which observes startup at LIBRARY_BEFORE. */
    void allow(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        tokenUrl.ifPresent(url -> System.setProperty(ALLOWED_URLS, allowing(System.getProperty(ALLOWED_URLS), url)));
    }

    /** The allow-list {@code current} (comma-separated, may be null) with {@code url} added once. */
    static String allowing(String current, String url) {
        List<String> urls = new ArrayList<>();
        for (String listed : current == null ? new String[0] : current.split(",")) {
            if (!listed.isBlank()) {
                urls.add(listed.trim());
            }
        }
        if (!urls.contains(url)) {
            urls.add(url);
        }
        return String.join(",", urls);
    }
}
