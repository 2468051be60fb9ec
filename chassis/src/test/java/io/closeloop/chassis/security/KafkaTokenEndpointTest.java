package io.closeloop.chassis.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaTokenEndpointTest {

    private static final String TOKEN = "http://keycloak:8080/realms/closeloop/protocol/openid-connect/token";

    @Test
    void theTokenEndpointIsAddedToWhatIsAlreadyAllowedOnce() {
        assertThat(KafkaTokenEndpoint.allowing(null, TOKEN)).isEqualTo(TOKEN);
        assertThat(KafkaTokenEndpoint.allowing("", TOKEN)).isEqualTo(TOKEN);
        assertThat(KafkaTokenEndpoint.allowing("http://a/certs", TOKEN)).isEqualTo("http://a/certs," + TOKEN);
        assertThat(KafkaTokenEndpoint.allowing("http://a/certs, " + TOKEN, TOKEN)).isEqualTo("http://a/certs," + TOKEN);
    }
}
