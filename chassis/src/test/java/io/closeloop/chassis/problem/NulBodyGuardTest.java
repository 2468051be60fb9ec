package io.closeloop.chassis.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NulBodyGuardTest {

    @Test
    void findsAnEscapedNulButNotAnEscapedBackslashBeforeTheTextU0000() {
        assertThat(NulBodyGuard.hasNulEscape(bytes("{\"a\": \"x\\u0000y\"}"))).isTrue();
        assertThat(NulBodyGuard.hasNulEscape(bytes("{\"a\": \"x\\\\\\u0000y\"}"))).isTrue();
        assertThat(NulBodyGuard.hasNulEscape(bytes("{\"a\": \"x\\\\u0000y\"}"))).isFalse();
        assertThat(NulBodyGuard.hasNulEscape(bytes("{\"a\": \"x\\u0001y\"}"))).isFalse();
        assertThat(NulBodyGuard.hasNulEscape(bytes("{\"a\": \"\\u000"))).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
