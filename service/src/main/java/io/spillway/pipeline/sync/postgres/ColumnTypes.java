package io.spillway.pipeline.sync.postgres;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a target column's type (as {@code format_type} prints it) with the type the source's column maps
 * to ({@link io.spillway.pipeline.postgres.PgTypeMapper}), and knows the few widenings that never change a
 * value: {@code smallint -> integer -> bigint}, {@code real -> double precision}, a longer or unbounded
 * {@code varchar} or {@code text}, more numeric precision at the same scale (or unconstrained numeric), more
 * fractional seconds, a longer {@code varbit}; and arrays of those. Pure.
 */
final class ColumnTypes {
    /** How the type mapper's short names read in {@code format_type}'s output. */
    private static final Map<String, String> CANONICAL = Map.of(
            "varchar", "character varying", "char", "character", "varbit", "bit varying",
            "time", "time without time zone", "timetz", "time with time zone",
            "timestamp", "timestamp without time zone", "timestamptz", "timestamp with time zone");
    private static final Pattern MODIFIERS = Pattern.compile("^([a-z_0-9 \"]+?)\\(([0-9, ]+)\\)(.*)$");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final List<String> TEMPORAL = List.of("time without time zone", "time with time zone",
            "timestamp without time zone", "timestamp with time zone", "interval");
    private static final int DEFAULT_FRACTIONAL_DIGITS = 6;

    /** A type split into its name and its modifiers: {@code numeric(10,2)} is numeric with [10, 2]. */
    record Parsed(String base, List<Integer> modifiers, boolean array) {
        int modifier(int i, int absent) {
            return modifiers.size() > i ? modifiers.get(i) : absent;
        }
    }

    private ColumnTypes() {
    }

    /** The mapper's type name as {@code format_type} would print it: {@code varchar(10)} is character varying(10). */
    static String canonical(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            return canonical(t.substring(0, t.length() - 2)) + "[]";
        }
        if ("bit".equals(t)) {
            return "bit(1)"; // bit without a length is bit(1)
        }
        Matcher m = MODIFIERS.matcher(t);
        String base = m.matches() ? m.group(1).trim() : t;
        String mods = m.matches() ? "(" + m.group(2).replace(" ", "") + ")" : "";
        String suffix = m.matches() ? m.group(3) : "";
        String name = CANONICAL.getOrDefault(base, base);
        int zone = name.indexOf(" with");
        if (!mods.isEmpty() && zone > 0 && name.startsWith("time")) {
            // time(3) with time zone: the precision sits after the first word
            return name.substring(0, zone) + mods + name.substring(zone) + suffix;
        }
        return name + mods + suffix;
    }

    static Parsed parse(String canonicalType) {
        String t = canonicalType;
        boolean array = t.endsWith("[]");
        if (array) {
            t = t.substring(0, t.length() - 2);
        }
        Matcher m = MODIFIERS.matcher(t);
        if (!m.matches()) {
            return new Parsed(t, List.of(), array);
        }
        List<Integer> mods = Arrays.stream(m.group(2).split(",")).map(String::trim)
                .map(Integer::parseInt).toList();
        return new Parsed((m.group(1).trim() + m.group(3)).trim(), mods, array);
    }

    /** Whether two canonical types are one: {@code time(6)} is {@code time} (6 fractional digits is the default). */
    static boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        Parsed x = parse(a);
        Parsed y = parse(b);
        return TEMPORAL.contains(x.base()) && x.base().equals(y.base()) && x.array() == y.array()
                && x.modifier(0, DEFAULT_FRACTIONAL_DIGITS) == y.modifier(0, DEFAULT_FRACTIONAL_DIGITS);
    }

    /** Whether every value of {@code from} is a value of {@code to}, unchanged (both canonical). */
    static boolean widens(String from, String to) {
        if (same(from, to)) {
            return false;
        }
        Parsed a = parse(from);
        Parsed b = parse(to);
        if (a.array() != b.array()) {
            return false;
        }
        if (INTEGERS.contains(a.base()) && INTEGERS.contains(b.base())) {
            return INTEGERS.indexOf(a.base()) < INTEGERS.indexOf(b.base());
        }
        if (a.base().equals("real")) {
            return b.base().equals("double precision");
        }
        if (a.base().equals("character varying")) {
            return b.base().equals("text") || b.base().equals("character varying")
                    && longer(a.modifier(0, Integer.MAX_VALUE), b.modifier(0, Integer.MAX_VALUE));
        }
        if (a.base().equals("bit varying")) {
            return b.base().equals("bit varying")
                    && longer(a.modifier(0, Integer.MAX_VALUE), b.modifier(0, Integer.MAX_VALUE));
        }
        if (a.base().equals("numeric") && b.base().equals("numeric")) {
            if (b.modifiers().isEmpty()) {
                return true; // unconstrained numeric holds every numeric value as it is
            }
            return !a.modifiers().isEmpty() && a.modifier(1, 0) == b.modifier(1, 0)
                    && a.modifier(0, 0) < b.modifier(0, 0);
        }
        if (TEMPORAL.contains(a.base()) && a.base().equals(b.base())) {
            return a.modifier(0, DEFAULT_FRACTIONAL_DIGITS) < b.modifier(0, DEFAULT_FRACTIONAL_DIGITS);
        }
        return false;
    }

    private static boolean longer(int from, int to) {
        return from < to;
    }
}
