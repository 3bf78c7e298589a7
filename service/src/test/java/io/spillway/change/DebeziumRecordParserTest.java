package io.spillway.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebeziumRecordParserTest {
    private final DebeziumRecordParser parser = new DebeziumRecordParser();
    private final KafkaCoordinates at = new KafkaCoordinates("db.public.person12", 0, 7);

    private static final String SOURCE = """
            {"version":"3.6.0.Final","connector":"postgresql","name":"db","ts_ms":1700000000000,"snapshot":"false",
             "db":"mydatabase","schema":"public","table":"person12","txId":771,"lsn":24023128,"xmin":null}""";

    @Test
    void parsesAnUpdateWithEmbeddedSchemas() {
        String value = """
                {"schema":{"type":"struct","name":"db.public.person12.Envelope","fields":[
                  {"type":"struct","optional":true,"field":"before","fields":[
                    {"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"}]},
                  {"type":"struct","optional":true,"field":"after","fields":[
                    {"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"},
                    {"type":"int64","optional":false,"name":"io.debezium.time.MicroTimestamp","field":"created_at"},
                    {"type":"array","optional":true,"items":{"type":"int32","optional":true},"field":"tags"}]},
                  {"type":"string","optional":false,"field":"op"}]},
                 "payload":{"before":{"id":1,"name":"Ada"},"after":{"id":1,"name":"Ada L.","created_at":1,"tags":[1]},
                  "source":%s,"op":"u","ts_ms":1700000000100}}""".formatted(SOURCE);
        String key = """
                {"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}]},"payload":{"id":1}}""";

        ParsedRecord parsed = parser.parse(at, bytes(key), bytes(value));

        assertThat(parsed).isInstanceOf(ParsedRecord.Change.class);
        ChangeEvent event = ((ParsedRecord.Change) parsed).event();
        assertThat(event.op()).isEqualTo(Op.UPDATE);
        assertThat(event.table()).isEqualTo(new TableId("mydatabase", "public", "person12"));
        assertThat(event.position()).isEqualTo(new SourcePosition(24023128L, 771L, 1700000000000L, false));
        assertThat(event.schema().primaryKey()).containsExactly("id");
        assertThat(event.schema().columns()).extracting(Column::name).containsExactly("id", "name", "created_at", "tags");
        assertThat(event.schema().columns().get(2).logicalName()).isEqualTo("io.debezium.time.MicroTimestamp");
        assertThat(event.schema().columns().get(3).itemType()).isEqualTo("int32");
        assertThat(event.after().get("name").asString()).isEqualTo("Ada L.");
        assertThat(event.before().get("name").asString()).isEqualTo("Ada");
        assertThat(event.coordinates()).isEqualTo(at);
    }

    @Test
    void countsWhatAChangeHoldsNotItsSchema() {
        String payload = """
                {"before":null,"after":{"id":1,"name":"Ada"},"source":%s,"op":"c","ts_ms":1}""".formatted(SOURCE);
        String schema = """
                {"type":"struct","fields":[{"type":"struct","optional":true,"field":"after","fields":[%s]}]}"""
                .formatted("{\"type\":\"string\",\"optional\":true,\"field\":\"name\"},".repeat(200)
                        + "{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}");
        String wrapped = "{\"schema\":" + schema + ",\"payload\":" + payload + "}";
        int expected = 3 * (bytes(payload).length + bytes("{\"id\":1}").length);

        int unwrapped = change(bytes("{\"id\":1}"), bytes(payload)).approximateBytes();
        int firstSeen = change(bytes("{\"id\":1}"), bytes(wrapped)).approximateBytes(); // tokenizes the schema
        int seenBefore = change(bytes("{\"id\":1}"), bytes(wrapped)).approximateBytes(); // compares its bytes

        assertThat(List.of(unwrapped, firstSeen, seenBefore)).containsOnly(expected);
        assertThat(expected).isLessThan(bytes(wrapped).length / 4);
    }

    @Test
    void changesOfOneTableShareItsTableId() {
        String value = """
                {"before":null,"after":{"id":%d},"source":%s,"op":"c","ts_ms":1}""";
        ChangeEvent first = change(bytes("{\"id\":1}"), bytes(value.formatted(1, SOURCE)));
        ChangeEvent second = change(bytes("{\"id\":2}"), bytes(value.formatted(2, SOURCE)));
        ChangeEvent other = change(bytes("{\"id\":3}"), bytes(value.formatted(3, SOURCE.replace("person12", "t2"))));

        assertThat(second.table()).isSameAs(first.table());
        assertThat(other.table()).isEqualTo(new TableId("mydatabase", "public", "t2"));
    }

    private ChangeEvent change(byte[] key, byte[] value) {
        return ((ParsedRecord.Change) parser.parse(at, key, value)).event();
    }

    @Test
    void tellsTheSnapshotKindAndTakesAReadWithoutLsnAsPositionZero() {
        String incremental = """
                {"before":null,"after":{"id":5},"source":{"version":"3.6.0.Final","connector":"postgresql",
                 "name":"db","ts_ms":1700000000500,"snapshot":"incremental","db":"mydatabase","schema":"public",
                 "table":"person12","txId":null,"lsn":null,"xmin":null},"op":"r","ts_ms":1}""";
        ChangeEvent read = ((ParsedRecord.Change) parser.parse(at, bytes("{\"id\":5}"), bytes(incremental))).event();
        assertThat(read.op()).isEqualTo(Op.READ);
        assertThat(read.position()).isEqualTo(new SourcePosition(0L, null, 1700000000500L, SnapshotKind.INCREMENTAL));
        assertThat(read.position().snapshot()).isTrue();

        for (String initial : new String[] {"\"true\"", "\"first\"", "\"last\"", "\"last_in_data_collection\"", "true"}) {
            String value = """
                    {"before":null,"after":{"id":5},"source":%s,"op":"r","ts_ms":1}"""
                    .formatted(SOURCE.replace("\"snapshot\":\"false\"", "\"snapshot\":" + initial));
            ChangeEvent event = ((ParsedRecord.Change) parser.parse(at, bytes("{\"id\":5}"), bytes(value))).event();
            assertThat(event.position().snapshotKind()).as(initial).isEqualTo(SnapshotKind.INITIAL);
        }
        ChangeEvent streamed = ((ParsedRecord.Change) parser.parse(at, bytes("{\"id\":5}"), bytes("""
                {"before":null,"after":{"id":5},"source":%s,"op":"c","ts_ms":1}""".formatted(SOURCE)))).event();
        assertThat(streamed.position().snapshotKind()).isEqualTo(SnapshotKind.NONE);
        assertThat(streamed.position().snapshot()).isFalse();
    }

    @Test
    void parsesADeleteWithoutSchemasAndFallsBackToTheKeyForItsRow() {
        String value = """
                {"before":null,"after":null,"source":%s,"op":"d","ts_ms":1}""".formatted(SOURCE);
        ParsedRecord parsed = parser.parse(at, bytes("{\"id\":5}"), bytes(value));
        ChangeEvent event = ((ParsedRecord.Change) parsed).event();
        assertThat(event.op()).isEqualTo(Op.DELETE);
        assertThat(event.before().get("id").asInt()).isEqualTo(5);
        assertThat(event.schema().isKnown()).isFalse();
        assertThat(event.schema().primaryKey()).containsExactly("id");
    }

    @Test
    void aSchemaSeenBeforeIsReusedAndAChangedSchemaIsNot() {
        String value = """
                {"schema":{"type":"struct","fields":[{"type":"struct","optional":true,"field":"after","fields":[%s]}]},
                 "payload":{"before":null,"after":{"id":1},"source":%s,"op":"c","ts_ms":1}}""";
        String one = "{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}";
        String two = one + ",{\"type\":\"string\",\"optional\":true,\"field\":\"added\"}";

        ChangeEvent first = ((ParsedRecord.Change) parser.parse(at, null, bytes(value.formatted(one, SOURCE)))).event();
        ChangeEvent again = ((ParsedRecord.Change) parser.parse(at, null, bytes(value.formatted(one, SOURCE)))).event();
        ChangeEvent evolved = ((ParsedRecord.Change) parser.parse(at, null, bytes(value.formatted(two, SOURCE)))).event();

        assertThat(first.schema().columns()).extracting(Column::name).containsExactly("id");
        assertThat(again.schema().columns()).isSameAs(first.schema().columns());
        assertThat(evolved.schema().columns()).extracting(Column::name).containsExactly("id", "added");
    }

    @Test
    void payloadBeforeSchemaAndExtraTopLevelFieldsStillParse() {
        String value = """
                {"payload":{"before":null,"after":{"id":2},"source":%s,"op":"c","ts_ms":1},
                 "schema":{"type":"struct","fields":[{"type":"struct","optional":true,"field":"after",
                   "fields":[{"type":"int32","optional":false,"field":"id"}]}]}}""".formatted(SOURCE);
        ChangeEvent event = ((ParsedRecord.Change) parser.parse(at, null, bytes(value))).event();
        assertThat(event.after().get("id").asInt()).isEqualTo(2);
        assertThat(event.schema().columns()).extracting(Column::name).containsExactly("id");
    }

    @Test
    void truncateHasNoRowImages() {
        String value = """
                {"before":null,"after":null,"source":%s,"op":"t","ts_ms":1}""".formatted(SOURCE);
        ChangeEvent event = ((ParsedRecord.Change) parser.parse(at, null, bytes(value))).event();
        assertThat(event.op()).isEqualTo(Op.TRUNCATE);
        assertThat(event.row()).isNull();
    }

    @Test
    void tombstonesHeartbeatsAndTransactionMetadataAreNotChanges() {
        assertThat(parser.parse(at, bytes("{\"id\":1}"), null)).isInstanceOf(ParsedRecord.Tombstone.class);
        assertThat(parser.parse(at, bytes("{\"serverName\":\"db\"}"), bytes("{\"ts_ms\":1}")))
                .isEqualTo(new ParsedRecord.NotAChange(at, "heartbeat"));
        assertThat(parser.parse(at, null, bytes("{\"status\":\"BEGIN\",\"id\":\"571\",\"event_count\":null}")))
                .isEqualTo(new ParsedRecord.NotAChange(at, "transaction metadata"));
    }

    @Test
    void garbageIsUnparseableWithAReason() {
        assertThat(parser.parse(at, null, bytes("not json at all")))
                .isInstanceOfSatisfying(ParsedRecord.Unparseable.class,
                        u -> assertThat(u.reason()).startsWith("value is not JSON"));
        assertThat(parser.parse(at, null, bytes("{\"hello\":1}")))
                .isInstanceOfSatisfying(ParsedRecord.Unparseable.class,
                        u -> assertThat(u.reason()).contains("op is missing"));
        assertThat(parser.parse(at, null, bytes("{\"op\":\"c\",\"after\":{\"id\":1}}")))
                .isInstanceOfSatisfying(ParsedRecord.Unparseable.class,
                        u -> assertThat(u.reason()).contains("source"));
    }

    @Test
    void aSchemaSeenBeforeIsMatchedByItsBytesAndEverythingElseStillReadsAsBefore() {
        String schema = """
                {"type":"struct","fields":[{"type":"struct","optional":true,"field":"after","fields":[
                {"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"}]}]}"""
                .replace("\n", "");
        String keySchema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}]}";
        String payload = "{\"before\":null,\"after\":{\"id\":%d,\"name\":\"n%d\"},\"source\":" + SOURCE.replace("\n", "")
                + ",\"op\":\"c\",\"ts_ms\":1}";
        for (int i = 1; i <= 3; i++) { // the first reads the schema, the next ones match its bytes
            ParsedRecord parsed = parser.parse(at, bytes("{\"schema\":" + keySchema + ",\"payload\":{\"id\":" + i + "}}"),
                    bytes("{\"schema\":" + schema + ",\"payload\":" + payload.formatted(i, i) + "}"));
            ChangeEvent event = ((ParsedRecord.Change) parsed).event();
            assertThat(event.after().get("name").asString()).isEqualTo("n" + i);
            assertThat(event.key().get("id").asInt()).isEqualTo(i);
            assertThat(event.schema().columns()).extracting(Column::name).containsExactly("id", "name");
            assertThat(event.schema().primaryKey()).containsExactly("id");
        }
        // Same schema bytes, but what follows is not the compact envelope: read (or refused) as before.
        String spaced = "{\"schema\":" + schema + ", \"payload\": " + payload.formatted(4, 4) + " }";
        assertThat(((ParsedRecord.Change) parser.parse(at, null, bytes(spaced))).event().after().get("id").asInt())
                .isEqualTo(4);
        String extraField = "{\"schema\":" + schema + ",\"payload\":" + payload.formatted(5, 5) + ",\"x\":1}";
        assertThat(parser.parse(at, null, bytes(extraField))).isInstanceOf(ParsedRecord.Unparseable.class);
        String truncated = "{\"schema\":" + schema + ",\"payload\":{\"before\":null,\"after\":{\"id\":6}";
        assertThat(parser.parse(at, null, bytes(truncated))).isInstanceOf(ParsedRecord.Unparseable.class);
        String twoPayloads = "{\"schema\":" + schema + ",\"payload\":" + payload.formatted(7, 7) + ",\"payload\":{}}";
        assertThat(parser.parse(at, null, bytes(twoPayloads))).isNotInstanceOf(ParsedRecord.Change.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
