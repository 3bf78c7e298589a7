package io.spillway.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Whatever a record holds, the parser returns (never throws), and says which field is wrong and how. */
class MalformedRecordsTest {
    private final DebeziumRecordParser parser = new DebeziumRecordParser();
    private final KafkaCoordinates at = new KafkaCoordinates("db.public.t", 0, 3);

    private static final String GOOD_SOURCE = """
            {"schema":"public","table":"t","db":"mydatabase","lsn":100,"txId":7,"ts_ms":1700000000000,"snapshot":"false"}""";

    /** A change event without embedded schema; the source and after are spliced in as given. */
    private static String event(String op, String source, String before, String after) {
        return """
                {"before":%s,"after":%s,"source":%s,"op":%s,"ts_ms":1}""".formatted(before, after, source, op);
    }

    private static String withSource(String field, String json) {
        return event("\"c\"", GOOD_SOURCE.replaceFirst("\"" + field + "\":[^,}]*", "\"" + field + "\":"
                + json.replace("\\", "\\\\").replace("$", "\\$")), "null", "{\"id\":1}");
    }

    @Test
    void wrongTypesInSourcePositionFieldsNameTheField() {
        unparseable(withSource("lsn", "{\"lsn\":1}"), "source.lsn", "an object");
        unparseable(withSource("lsn", "[1,2]"), "source.lsn", "an array");
        unparseable(withSource("lsn", "\"not a number\""), "source.lsn", "a string");
        unparseable(withSource("lsn", "1.5"), "source.lsn", "whole number");
        unparseable(withSource("lsn", "123456789012345678901234567890"), "source.lsn", "out of range");
        unparseable(withSource("lsn", "-5"), "source.lsn", "negative");
        unparseable(withSource("lsn", "1" + "0".repeat(9_999)), "/source/lsn", "not JSON");
        unparseable(withSource("txId", "{}"), "source.txId", "an object");
        unparseable(withSource("ts_ms", "\"yesterday\""), "source.ts_ms", "a string");
        unparseable(withSource("ts_ms", "true"), "source.ts_ms", "a boolean");
        unparseable(withSource("snapshot", "{\"a\":1}"), "source.snapshot", "an object");
    }

    @Test
    void wrongTypesInSourceIdentityFieldsNameTheField() {
        unparseable(withSource("schema", "42"), "source.schema", "a number");
        unparseable(withSource("table", "null"), "source.table", "missing");
        unparseable(withSource("table", "\"\""), "source.table", "empty");
        unparseable(withSource("db", "[\"x\"]"), "source.db", "an array");
        unparseable(event("\"c\"", "[1]", "null", "{\"id\":1}"), "source", "an array");
        unparseable(event("\"c\"", "\"pg\"", "null", "{\"id\":1}"), "source", "a string");
        unparseable("{\"after\":{\"id\":1},\"op\":\"c\"}", "source", "missing");
    }

    @Test
    void wrongOperationsAndRowImagesNameTheField() {
        unparseable(event("5", GOOD_SOURCE, "null", "{\"id\":1}"), "op", "a number");
        unparseable(event("\"x\"", GOOD_SOURCE, "null", "{\"id\":1}"), "op 'x'", "not a Debezium operation");
        unparseable(event("\"c\"", GOOD_SOURCE, "null", "[{\"id\":1}]"), "after", "an array");
        unparseable(event("\"u\"", GOOD_SOURCE, "\"old\"", "{\"id\":1}"), "before", "a string");
        unparseable(event("\"c\"", GOOD_SOURCE, "null", "17"), "after", "a number");
        unparseable(event("\"c\"", GOOD_SOURCE, "null", "null"), "after", "missing");
        unparseable(event("\"d\"", GOOD_SOURCE, "null", "null"), "before", "missing");
        unparseable("{\"hello\":1}", "op", "missing");
    }

    @Test
    void aValueCutShortInsideAnImageIsNotJson() {
        unparseable("{\"before\":null,\"op\":\"c\",\"source\":" + GOOD_SOURCE + ",\"after\":{\"id\":1", "not JSON");
        unparseable("{\"before\":null,\"op\":\"c\",\"source\":" + GOOD_SOURCE + ",\"after\":{\"id\":[1,2", "not JSON");
        unparseable("{\"before\":null,\"op\":\"c\",\"source\":{\"schema\":\"public\",\"table\":\"t\"", "not JSON");
    }

    @Test
    void valuesThatAreNotAnObjectSayWhatTheyAre() {
        unparseable("[1,2,3]", "value", "an array");
        unparseable("null", "value", "null");
        unparseable("\"just a string\"", "value", "a string");
        unparseable("", "value", "empty");
        unparseable("   \n ", "value", "empty");
        unparseable("""
                {"schema":{"type":"struct","fields":[]},"payload":[1,2]}""", "payload", "an array");
        unparseable("""
                {"schema":{"type":"struct","fields":[]},"payload":"x"}""", "payload", "a string");
    }

    @Test
    void bytesThatAreNotJsonSayWhere() {
        String good = event("\"c\"", GOOD_SOURCE, "null", "{\"id\":1,\"name\":\"NAME\"}");
        byte[] invalidUtf8 = splice(good, "NAME", new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        unparseable(invalidUtf8, null, "value is not JSON", "/after/name");
        unparseable(good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8), null,
                "value is not JSON", "end-of-input");
        unparseable("this is not json", "value is not JSON");
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        unparseable(bytes(event("\"c\"", GOOD_SOURCE, "null", deep)), null, "value is not JSON", "/after/a");
    }

    @Test
    void hugeValuesAreQuotedShortly() {
        String huge = "x".repeat(5 * 1024 * 1024);
        ParsedRecord.Unparseable op = unparseable(event("\"" + huge + "\"", GOOD_SOURCE, "null", "{\"id\":1}"),
                "op '", "not a Debezium operation", "5242880 characters");
        assertThat(op.reason()).hasSizeLessThan(500);
        ParsedRecord.Unparseable lsn = unparseable(withSource("lsn", "\"" + huge + "\""), "source.lsn", "a string");
        assertThat(lsn.reason()).hasSizeLessThan(500);

        // A huge value in a row image is data, not a fault.
        ParsedRecord ok = parser.parse(at, null, bytes(event("\"c\"", GOOD_SOURCE, "null", "{\"id\":1,\"t\":\"" + huge + "\"}")));
        assertThat(ok).isInstanceOf(ParsedRecord.Change.class);
    }

    @Test
    void keysThatAreNotAnObjectOrNullNameTheKey() {
        String good = event("\"c\"", GOOD_SOURCE, "null", "{\"id\":1}");
        unparseable(bytes(good), bytes("[1]"), "key", "an array");
        unparseable(bytes(good), bytes("{not json"), "key is not JSON");
        unparseable(bytes(good), bytes("{\"schema\":{\"type\":\"int32\"},\"payload\":5}"), "key payload", "a number");
        unparseable(bytes(good), new byte[0], "key is empty");
    }

    @Test
    void aSchemaOfTheWrongShapeNeverThrows() {
        String value = """
                {"schema":{"type":"struct","fields":[{"field":"after","fields":[{"field":{"x":1},"optional":[],
                  "parameters":{"p":{"q":1}},"items":{"type":[1]}}]}]},
                 "payload":%s}""".formatted(event("\"c\"", GOOD_SOURCE, "null", "{\"id\":1}"));
        ParsedRecord parsed = parser.parse(at, null, bytes(value));
        assertThat(parsed).isInstanceOfAny(ParsedRecord.Change.class, ParsedRecord.Unparseable.class);
        if (parsed instanceof ParsedRecord.Unparseable bad) {
            assertThat(bad.reason()).contains("schema");
        }
    }

    @Test
    void validVariantsStillParse() {
        ParsedRecord numericString = parser.parse(at, bytes("null"),
                bytes(withSource("lsn", "\"24023128\"").replace("\"snapshot\":\"false\"", "\"snapshot\":true")));
        assertThat(numericString).isInstanceOfSatisfying(ParsedRecord.Change.class, c -> {
            assertThat(c.event().position()).isEqualTo(new SourcePosition(24023128L, 7L, 1700000000000L, true));
            assertThat(c.event().key()).isNull();
        });
        String withNulls = event("\"c\"",
                "{\"schema\":\"public\",\"table\":\"t\",\"db\":null,\"lsn\":null,\"txId\":null,\"ts_ms\":null,\"snapshot\":null}",
                "null", "{\"id\":1}");
        for (ParsedRecord nulls : new ParsedRecord[] {parser.parse(at, bytes("{\"id\":1}"), bytes(withNulls)),
                warmedUp().parse(at, bytes("{\"id\":1}"), bytes(wrapped(withNulls)))}) {
            assertThat(nulls).isInstanceOfSatisfying(ParsedRecord.Change.class, c -> {
                assertThat(c.event().position()).isEqualTo(new SourcePosition(0L, null, 0L, false));
                assertThat(c.event().table()).isEqualTo(new TableId(null, "public", "t"));
            });
        }
    }

    @Test
    void withAKnownSchemaWhatIsSteppedOverChangesNothingAndWhatIsNotAChangeIsStillSeen() {
        String busy = """
                {"before":null,"after":{"id":1,"tags":[1,[2,{"x":null}]],"v":"a","v":"b","f":1.5,"big":123456789012345678901},
                 "source":{"version":"3.6","sequence":"[\\"1\\",\\"2\\"]",
                 "extra":{"nested":[1,{"deep":true}]},"schema":"public","table":"t","db":"mydatabase","lsn":100,
                 "txId":7,"ts_ms":1700000000000,"snapshot":"incremental"},"transaction":{"id":"7:100",
                 "total_order":1,"data_collection_order":1},"op":"c","ts_ms":1,"ts_us":1000,"ts_ns":1000000}""";
        ChangeEvent slow = ((ParsedRecord.Change) parser.parse(at, null, bytes(busy))).event();
        ChangeEvent fast = ((ParsedRecord.Change) warmedUp().parse(at, null, bytes(wrapped(busy)))).event();
        assertThat(fast.position()).isEqualTo(slow.position())
                .isEqualTo(new SourcePosition(100L, 7L, 1700000000000L, SnapshotKind.INCREMENTAL));
        assertThat(fast.table()).isEqualTo(slow.table());
        assertThat(fast.after()).isEqualTo(slow.after());

        assertThat(warmedUp().parse(at, null, bytes(wrapped("{\"ts_ms\":1700000000000}"))))
                .isInstanceOfSatisfying(ParsedRecord.NotAChange.class, n -> assertThat(n.kind()).isEqualTo("heartbeat"));
        assertThat(warmedUp().parse(at, null, bytes(wrapped("{\"status\":\"END\",\"id\":\"7:100\",\"op\":null}"))))
                .isInstanceOf(ParsedRecord.NotAChange.class);
    }

    /**
     * Checks the value as it is; wrapped with a schema, a parser that knows the schema (its fast path) must say
     * what one seeing it first (the general path) says.
     */
    private ParsedRecord.Unparseable unparseable(String value, String... fragments) {
        ParsedRecord.Unparseable bad = unparseable(bytes(value), null, fragments);
        ParsedRecord general = new DebeziumRecordParser().parse(at, null, bytes(wrapped(value)));
        assertThat(general).isInstanceOf(ParsedRecord.Unparseable.class);
        assertThat(warmedUp().parse(at, null, bytes(wrapped(value)))).as("wrapped: %s", value).isEqualTo(general);
        return bad;
    }

    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[]}";

    private static String wrapped(String payload) {
        return "{\"schema\":" + SCHEMA + ",\"payload\":" + payload + "}";
    }

    /** A parser that has seen {@link #SCHEMA}: it reads the next records with it without tokenizing it. */
    private DebeziumRecordParser warmedUp() {
        DebeziumRecordParser warm = new DebeziumRecordParser();
        assertThat(warm.parse(at, null, bytes(wrapped(event("\"c\"", GOOD_SOURCE, "null", "{\"id\":1}")))))
                .isInstanceOf(ParsedRecord.Change.class);
        return warm;
    }

    private ParsedRecord.Unparseable unparseable(byte[] value, byte[] key, String... fragments) {
        ParsedRecord parsed = parser.parse(at, key, value);
        assertThat(parsed).as("parsed %s", preview(value)).isInstanceOf(ParsedRecord.Unparseable.class);
        ParsedRecord.Unparseable bad = (ParsedRecord.Unparseable) parsed;
        assertThat(bad.coordinates()).isEqualTo(at);
        for (String fragment : fragments) {
            assertThat(bad.reason()).as("reason for %s", preview(value)).contains(fragment);
        }
        assertThat(bad.reason()).doesNotStartWith("unexpected");
        return bad;
    }

    private static String preview(byte[] value) {
        String s = new String(value, StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static byte[] splice(String text, String marker, byte[] replacement) {
        int i = text.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(text.substring(0, i)));
        out.writeBytes(replacement);
        out.writeBytes(bytes(text.substring(i + marker.length())));
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
