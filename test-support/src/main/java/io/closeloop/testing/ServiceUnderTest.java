package io.closeloop.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** For a {@code @QuarkusTest}: where its infrastructure is, and requests as a demo user with a real token. */
public final class ServiceUnderTest {

    private ServiceUnderTest() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(keycloak(), user));
    }

    public static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static String keycloak() {
        return ConfigProvider.getConfig().getValue("closeloop.keycloak.url", String.class);
    }
}
