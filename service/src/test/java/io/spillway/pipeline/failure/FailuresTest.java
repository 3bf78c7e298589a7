package io.spillway.pipeline.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.spillway.egress.EgressRefusedException;
import io.spillway.pipeline.sync.SyncException;
import io.spillway.pipeline.trigger.TriggerFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class FailuresTest {
    private static FailureKind kindOf(Throwable t) {
        return Failures.classify(t).kind();
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "40001", "40P01", "55P03", "57014", "53300", "53100", "57P01", "57P03"})
    void sqlStatesOfAnUnavailableOrBusyTargetAreTransient(String state) {
        Failure failure = Failures.classify(new SQLException("boom", state));
        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.sqlState()).isEqualTo(state);
    }

    @ParameterizedTest
    @ValueSource(strings = {"22008", "22001", "22P02", "23505", "23514", "23502", "42P01", "42703", "42601"})
    void sqlStatesOfDataTheTargetRefusesArePermanent(String state) {
        Failure failure = Failures.classify(new SQLException("refused", state));
        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.sqlState()).isEqualTo(state);
        assertThat(failure.errorClass()).isEqualTo("SQLException");
    }

    @Test
    void aTimeoutUnderneathAnyErrorIsTransientAndNamedInTheReason() {
        PSQLException io = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new SocketTimeoutException("Read timed out"));
        Failure failure = Failures.classify(new RuntimeException("wrapped", io));
        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.reason()).contains("Read timed out").contains("SocketTimeoutException");
        assertThat(failure.sqlState()).isEqualTo("08006");
        // A timeout wins even over a state that would otherwise be permanent.
        assertThat(kindOf(new SQLException("x", "22000", new SocketTimeoutException()))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void ioRedisAndDriverTransientErrorsAreTransient() {
        assertThat(kindOf(new ConnectException("Connection refused"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(kindOf(new IOException("broken pipe"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(kindOf(new HttpTimeoutException("request timed out"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(kindOf(new TimeoutException())).isEqualTo(FailureKind.TRANSIENT);
        assertThat(kindOf(new RedisConnectionException("unable to connect"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(kindOf(new RedisCommandTimeoutException("timed out"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(kindOf(new SQLTransientConnectionException("pool timed out"))).isEqualTo(FailureKind.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 429, 408})
    void httpServerErrorsThrottlingAndRequestTimeoutsAreTransient(int status) {
        Failure failure = Failures.classify(new TriggerFailedException("POST /hook answered " + status, status));
        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.httpStatus()).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 413, 422})
    void otherHttpClientErrorsArePermanent(int status) {
        Failure failure = Failures.classify(new TriggerFailedException("POST /hook answered " + status, status));
        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.httpStatus()).isEqualTo(status);
    }

    @Test
    void aTriggerWithoutAnAnswerIsTransient() {
        assertThat(kindOf(new TriggerFailedException("POST /hook failed: reset", new IOException("reset"))))
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aTargetRefusedByTheEgressPolicyIsPermanentWhateverWrapsIt() {
        EgressRefusedException refused = new EgressRefusedException("h:80 is refused by the egress policy: ...");
        assertThat(kindOf(refused)).isEqualTo(FailureKind.PERMANENT);
        // pgjdbc reports a socket that would not connect as 08001 (transient by its SQLState)
        assertThat(kindOf(new PSQLException("The connection attempt failed.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                refused))).isEqualTo(FailureKind.PERMANENT);
        assertThat(kindOf(new RedisConnectionException("Unable to connect to h:6379",
                new UncheckedIOException(refused)))).isEqualTo(FailureKind.PERMANENT);
        assertThat(Failures.classify(refused).reason()).contains("refused by the egress policy");
    }

    @Test
    void aJobsOwnValidationIsPermanentAndAnUnknownFailureIsRetried() {
        assertThat(kindOf(new SyncException("table t has no primary key"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(kindOf(new IllegalStateException("something odd"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(kindOf(new SQLException("internal", "XX000"))).isEqualTo(FailureKind.TRANSIENT);
    }
}
