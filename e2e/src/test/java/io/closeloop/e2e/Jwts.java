package io.closeloop.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Reads real tokens and forges bad ones by hand: only the JDK, so nothing trusts these more than a service would. */
final class Jwts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    /** A key pair no one but this test JVM has. */
    private static final KeyPair OWN_KEY = rsaKeyPair();

    private Jwts() {
    }

    static ObjectNode header(String token) {
        return part(token, 0);
    }

    static ObjectNode payload(String token) {
        return part(token, 1);
    }

    /** The real token with one character of its signature changed. */
    static String tamperedSignature(String token) {
        String[] parts = token.split("\\.");
        char[] signature = parts[2].toCharArray();
        int middle = signature.length / 2;
        signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
        return parts[0] + "." + parts[1] + "." + new String(signature);
    }

    /** The real payload under {@code alg: none} with an empty signature. */
    static String unsigned(String token) {
        return encode(JSON.createObjectNode().put("alg", "none").put("typ", "JWT")) + "."
                + token.split("\\.")[1] + ".";
    }

    /** The real payload, HMAC-signed with a secret the services never saw. */
    static String hs256(String token, String secret) {
        String signingInput = encode(JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT")) + "."
                + token.split("\\.")[1];
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + ENCODE.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The real token's header (so its {@code kid} names the realm's key) over the real payload as {@code change}
     * edits it, RS256-signed with this JVM's own key pair.
     */
    static String resigned(String token, Consumer<ObjectNode> change) {
        ObjectNode payload = payload(token);
        change.accept(payload);
        String signingInput = encode(header(token)) + "." + encode(payload);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(OWN_KEY.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + ENCODE.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode part(String token, int index) {
        try {
            return (ObjectNode) JSON.readTree(DECODE.decode(token.split("\\.")[index]));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Not a JWT", e);
        }
    }

    private static String encode(ObjectNode node) {
        try {
            return ENCODE.encodeToString(JSON.writeValueAsBytes(node));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
