package io.spillway.pipeline.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one way a name from the source (schema, table, column) reaches SQL: as a quoted identifier, with
 * embedded double quotes doubled. {@code weird "name"; drop table x; --} becomes
 * {@code "weird ""name""; drop table x; --"}, a name like any other.
 */
public final class PgIdentifiers {
    /** PostgreSQL truncates longer identifiers silently (NAMEDATALEN - 1). */
    public static final int MAX_BYTES = 63;

    private PgIdentifiers() {
    }

    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier cannot be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier cannot contain a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    public static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    /** Quoted and comma-separated, e.g. for a column list. */
    public static String list(List<String> identifiers) {
        return identifiers.stream().map(PgIdentifiers::quote).collect(Collectors.joining(", "));
    }

    /**
     * A name derived from {@code base} (e.g. {@code orders_changelog}) that PostgreSQL will not truncate:
     * when too long, the base is shortened and a hash of the full name keeps it unique.
     */
    public static String derived(String base, String suffix) {
        String full = base + suffix;
        if (full.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return full;
        }
        String hash = "_" + sha1(full).substring(0, 8);
        int budget = MAX_BYTES - suffix.getBytes(StandardCharsets.UTF_8).length - hash.length();
        StringBuilder shortened = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            shortened.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return shortened + hash + suffix;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
