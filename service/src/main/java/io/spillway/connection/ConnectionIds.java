package io.spillway.connection;

import io.spillway.api.InvalidRequestException;
import io.spillway.secret.Secrets;
import java.util.regex.Pattern;

/** Connection ids end up in Redis keys and URLs, so they are kept to a safe alphabet. */
public final class ConnectionIds {
    /** Starts with a letter or digit, so "." and ".." are never ids. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private ConnectionIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** Why the id is not acceptable, or null when it is. */
    static String problem(String id) {
        if (id == null || id.isBlank()) {
            return "connection_id is missing: give the connection a name such as \"warehouse\"";
        }
        if (!isValid(id)) {
            return "connection_id '" + Secrets.abbreviate(id) + "' is not valid: use 1 to 128 letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit";
        }
        return null;
    }

    /** Rejects an id from a path or query parameter before it reaches Redis. */
    static String require(String id) {
        String problem = problem(id);
        if (problem != null) {
            throw new InvalidRequestException(problem);
        }
        return id;
    }
}
