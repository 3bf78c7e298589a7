package io.spillway.debezium;

import io.spillway.api.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * Connector names go into Kafka Connect URLs, so they are checked before any request is built:
 * letters, digits, '.', '_' and '-' only, at most 249 characters, and never "." or "..".
 */
public final class ConnectorNames {
    static final int MAX_LENGTH = 249;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]+");

    private ConnectorNames() {
    }

    /** Returns the name when it is safe to use; otherwise a 400 that says what is wrong with it. */
    public static String require(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("the connector name is empty: give a name of letters, digits, '.', '_' or '-'");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidRequestException("the connector name is " + name.length()
                    + " characters long: use at most " + MAX_LENGTH);
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw new InvalidRequestException("the connector name '" + printable(name)
                    + "' has characters other than letters, digits, '.', '_' and '-': rename it");
        }
        if (name.contains("..")) {
            throw new InvalidRequestException("the connector name '" + name + "' contains '..': rename it");
        }
        if (name.equals(".")) {
            throw new InvalidRequestException("the connector name '.' is not allowed: rename it");
        }
        return name;
    }

    /** Keeps control characters out of the problem detail. */
    private static String printable(String name) {
        String shown = name.length() > 60 ? name.substring(0, 60) + "..." : name;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
