package io.spillway.pipeline.postgres.types;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Built-in and contrib types Debezium has no converter for: with {@code include.unknown.datatypes=true}
 * the record holds the bytes of the value's PostgreSQL text form, in the snapshot and when streamed.
 * Decoded, they are that type's input again. Only the types listed here are decoded: a user-defined type
 * (a composite, or a domain over bytea) arrives as bytes too, and the record cannot tell text from binary.
 */
public final class UnknownTypeText {
    private static final Set<String> TYPES = Set.of(
            "line", "lseg", "box", "path", "polygon", "circle",
            "tsquery", "jsonpath",
            "int4multirange", "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange",
            "pg_lsn", "xid", "xid8", "cid", "tid", "pg_snapshot", "txid_snapshot",
            "regclass", "regtype", "regproc", "regprocedure", "regoper", "regoperator", "regconfig",
            "regdictionary", "regnamespace", "regrole", "regcollation",
            "lquery", "ltxtquery");

    private UnknownTypeText() {
    }

    /** Whether values of this source type (Debezium's name) arrive as the bytes of their text. */
    public static boolean carries(String sourceType) {
        return sourceType != null && TYPES.contains(sourceType.toLowerCase(Locale.ROOT));
    }

    public static String of(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
