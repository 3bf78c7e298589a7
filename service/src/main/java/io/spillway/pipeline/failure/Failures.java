package io.spillway.pipeline.failure;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.spillway.egress.EgressRefusedException;
import io.spillway.pipeline.sync.SyncException;
import io.spillway.pipeline.trigger.TriggerFailedException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.postgresql.util.PSQLException;

/**
 * The one place that tells a transient job failure from a permanent one. A failure neither known as
 * transient nor as permanent counts as transient: on a doubt, retry rather than dead-letter data.
 */
public final class Failures {
    private static final int MAX_REASON = 500;

    private Failures() {
    }

    public static Failure classify(Throwable error) {
        List<Throwable> chain = chain(error);
        String sqlState = null;
        Integer httpStatus = null;
        for (Throwable t : chain) {
            if (sqlState == null && t instanceof SQLException sql && sql.getSQLState() != null) {
                sqlState = sql.getSQLState();
            }
            if (httpStatus == null && t instanceof TriggerFailedException trigger && trigger.status() > 0) {
                httpStatus = trigger.status();
            }
        }
        return new Failure(kind(chain, sqlState, httpStatus), reason(chain), error.getClass().getSimpleName(),
                sqlState, httpStatus);
    }

    private static FailureKind kind(List<Throwable> chain, String sqlState, Integer httpStatus) {
        if (chain.stream().anyMatch(t -> t instanceof EgressRefusedException)) {
            return FailureKind.PERMANENT; // the egress policy refuses the target: no retry reaches it
        }
        if (chain.stream().anyMatch(Failures::isTimeout)) {
            return FailureKind.TRANSIENT;
        }
        if (sqlState != null) {
            FailureKind bySqlState = bySqlState(sqlState);
            if (bySqlState != null) {
                return bySqlState;
            }
        }
        if (httpStatus != null) {
            return byHttpStatus(httpStatus);
        }
        if (chain.stream().anyMatch(t -> t instanceof IOException || t instanceof RedisConnectionException
                || t instanceof SQLTransientException || t instanceof SQLRecoverableException)) {
            return FailureKind.TRANSIENT;
        }
        if (chain.stream().anyMatch(t -> t instanceof SyncException)) {
            return FailureKind.PERMANENT; // the job's own check: the window cannot load as it is
        }
        return FailureKind.TRANSIENT;
    }

    private static boolean isTimeout(Throwable t) {
        return t instanceof SocketTimeoutException || t instanceof HttpTimeoutException || t instanceof TimeoutException
                || t instanceof SQLTimeoutException || t instanceof RedisCommandTimeoutException;
    }

    /** PostgreSQL error codes (Appendix A); null for a class that says nothing either way. */
    static FailureKind bySqlState(String state) {
        if (state.length() != 5) {
            return null;
        }
        String errorClass = state.substring(0, 2);
        if (errorClass.equals("08") || errorClass.equals("53") || state.startsWith("57P0") || state.equals("40001")
                || state.equals("40P01") || state.equals("55P03") || state.equals("57014")) {
            return FailureKind.TRANSIENT; // connection, resources, shutdown, serialization, deadlock, lock, timeout
        }
        if (errorClass.equals("22") || errorClass.equals("23") || errorClass.equals("42")) {
            return FailureKind.PERMANENT; // data exception, integrity constraint, syntax or undefined object
        }
        return null;
    }

    static FailureKind byHttpStatus(int status) {
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return FailureKind.PERMANENT;
        }
        return FailureKind.TRANSIENT; // 5xx, 408, 429; and 1xx/3xx, which a fixed connection may cure
    }

    /** The failure's own message, plus the root cause's when it differs (a timeout hides under an I/O error). */
    private static String reason(List<Throwable> chain) {
        Throwable top = chain.get(0);
        Throwable root = chain.get(chain.size() - 1);
        String reason = describe(top);
        if (root != top && root.getMessage() != null && !reason.contains(root.getMessage())) {
            reason += " (caused by " + describe(root) + ")";
        }
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            // The primary message only: the detail and context may quote other rows' values.
            message = psql.getServerErrorMessage().getMessage();
        }
        return t.getClass().getSimpleName() + ": " + message;
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && chain.size() < 20 && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
