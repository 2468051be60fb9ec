package io.closeloop.chassis.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.chassis.directory.DirectoryUnavailable;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void anOutageIsTransientWhereverItSitsInTheCauseChain() {
        assertThat(Failures.isTransient(new RuntimeException(new SQLTransientConnectionException("pool")))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("refused", "08001")))).isTrue();
        assertThat(Failures.isTransient(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("Acquisition timeout"))).isTrue();
        assertThat(Failures.isTransient(new DirectoryUnavailable("Keycloak answered 503"))).isTrue();
    }

    @Test
    void aFaultInTheRecordIsNot() {
        assertThat(Failures.isTransient(new SQLException("value too long", "22001"))).isFalse();
        assertThat(Failures.isTransient(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Failures.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void describesTheRootCause() {
        assertThat(Failures.describe(new RuntimeException("outer", new IllegalArgumentException("inner"))))
                .isEqualTo("IllegalArgumentException: inner");
    }
}
