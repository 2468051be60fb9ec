package io.closeloop.e2e;

import static io.restassured.RestAssured.given;

import io.closeloop.testing.Tokens;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/**
 * Real tokens that must not be accepted: from the {@code master} realm, and from clients of the closeloop realm that
 * the test adds through the admin API (the local realm's bootstrap administrator is a local-development default).
 */
final class KeycloakAdmin {

    private static final Map<String, Object> CLOSELOOP_AUDIENCE = Map.of(
            "name", "closeloop audience", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
            "config", Map.of("included.custom.audience", "closeloop", "access.token.claim", "true"));

    private final String keycloakUrl;

    KeycloakAdmin(String keycloakUrl) {
        this.keycloakUrl = keycloakUrl;
    }

    /** A real token of the {@code master} realm's administrator: valid, but issued by another realm. */
    String masterRealmToken() {
        return token("master", "admin-cli", "admin", "admin");
    }

    /** A real closeloop-realm token for a demo user from a public client without the {@code closeloop} audience. */
    String tokenWithoutAudience(String user) {
        ensurePublicClient("e2e-no-audience", Map.of(), List.of());
        return token("closeloop", "e2e-no-audience", user, Tokens.DEMO_PASSWORD);
    }

    /** A real closeloop-realm token with the right audience that Keycloak issues to live one second. */
    String shortLivedToken(String user) {
        ensurePublicClient("e2e-one-second", Map.of("access.token.lifespan", "1"), List.of(CLOSELOOP_AUDIENCE));
        return token("closeloop", "e2e-one-second", user, Tokens.DEMO_PASSWORD);
    }

    private void ensurePublicClient(String clientId, Map<String, String> attributes, List<Map<String, Object>> mappers) {
        int status = given().baseUri(keycloakUrl).auth().oauth2(masterRealmToken()).contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "enabled", true, "publicClient", true,
                        "standardFlowEnabled", false, "directAccessGrantsEnabled", true,
                        "attributes", attributes, "protocolMappers", mappers))
                .post("/admin/realms/closeloop/clients").statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("Keycloak did not create client " + clientId + ": " + status);
        }
    }

    private String token(String realm, String clientId, String username, String password) {
        return given().baseUri(keycloakUrl).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", clientId, "username", username,
                        "password", password))
                .post("/realms/{realm}/protocol/openid-connect/token", realm)
                .then().statusCode(200).extract().path("access_token");
    }
}
