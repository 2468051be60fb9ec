package io.closeloop.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.closeloop.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service refuses a bad bearer token with 401, on a real endpoint that the same user's genuine token opens.
 * Tokens forged with this test's own key fail on their signature before any claim is read; the wrong audience, the
 * expired token and the other realm's token are also tested with tokens Keycloak itself issued.
 */
class SecurityTokenAbuseTest {

    /** The auditor may read all four: a genuine token gets 200, so a 401 is the token's doing. */
    private static final String USER = "auditor";
    private static final Map<String, String> ENDPOINTS = Map.of(
            "incident-service", "/incidents",
            "accountability-service", "/accountabilities",
            "action-service", "/plans",
            "verification-service", "/verifications");

    private static Platform platform;
    private static final Map<String, String> BAD_TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void forgeTokens() throws Exception {
        platform = Platform.get();
        String real = Tokens.of(platform.keycloak(), USER);
        KeycloakAdmin admin = new KeycloakAdmin(platform.keycloak());

        BAD_TOKENS.put("tampered signature", Jwts.tamperedSignature(real));
        BAD_TOKENS.put("alg none", Jwts.unsigned(real));
        BAD_TOKENS.put("HS256 with a made-up secret", Jwts.hs256(real, "not-the-realm-key-" + Instant.now()));
        BAD_TOKENS.put("RS256 with another key pair", Jwts.resigned(real, payload -> { }));
        BAD_TOKENS.put("wrong issuer (own key)", Jwts.resigned(real,
                payload -> payload.put("iss", "http://127.0.0.1:1/realms/closeloop")));
        BAD_TOKENS.put("wrong audience (own key)", Jwts.resigned(real, payload -> payload.put("aud", "account")));
        BAD_TOKENS.put("expired (own key)", Jwts.resigned(real, payload -> payload
                .put("iat", Instant.now().minusSeconds(7200).getEpochSecond())
                .put("exp", Instant.now().minusSeconds(3600).getEpochSecond())));

        String withoutAudience = admin.tokenWithoutAudience(USER);
        assertThat(Jwts.payload(withoutAudience).path("aud").toString()).doesNotContain("\"closeloop\"");
        BAD_TOKENS.put("wrong audience (Keycloak, client without the closeloop audience)", withoutAudience);

        String master = admin.masterRealmToken();
        assertThat(Jwts.payload(master).path("iss").asText()).endsWith("/realms/master");
        BAD_TOKENS.put("another realm (Keycloak master, admin-cli)", master);

        String shortLived = admin.shortLivedToken(USER);
        Instant expiry = Instant.ofEpochSecond(Jwts.payload(shortLived).path("exp").asLong());
        assertThat(Jwts.payload(shortLived).path("aud").toString()).contains("\"closeloop\"");
        // Real expiry takes waiting for it: Keycloak issued this token to live one second.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));
        BAD_TOKENS.put("expired (Keycloak, one-second lifespan)", shortLived);
    }

    static Stream<Arguments> cases() {
        return ENDPOINTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(endpoint -> Stream.concat(Stream.of("no token"), BAD_TOKENS.keySet().stream())
                        .map(name -> Arguments.of(endpoint.getKey(), endpoint.getValue(), name)));
    }

    @Test
    void theGenuineTokenOpensEveryEndpointUsedBelow() {
        ENDPOINTS.forEach((service, path) -> Steps.as(platform, USER, service).get(path).then().statusCode(200));
    }

    @ParameterizedTest(name = "{0} {1}: {2} -> 401")
    @MethodSource("cases")
    void aBadTokenIsUnauthorised(String service, String path, String token) {
        var request = given().baseUri(platform.url(service));
        if (!token.equals("no token")) {
            request = request.header("Authorization", "Bearer " + BAD_TOKENS.get(token));
        }
        request.get(path).then().statusCode(401);
    }
}
