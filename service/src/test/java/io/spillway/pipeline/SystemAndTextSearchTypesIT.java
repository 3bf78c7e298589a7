package io.spillway.pipeline;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text search (tsvector, tsquery), jsonpath, the system types a table can hold (pg_lsn, oid, xid, xid8,
 * pg_snapshot, regclass, "char", name), macaddr8, and a composite type.
 */
class SystemAndTextSearchTypesIT extends TypeFamilyFixture {
    private static final String COLUMNS = """
            c_tsv tsvector, c_tsq tsquery, c_jsonpath jsonpath, c_lsn pg_lsn, c_oid oid, c_xid xid, c_xid8 xid8,
            c_snap pg_snapshot, c_regclass regclass, c_char "char", c_name name, c_mac8 macaddr8, c_comp %s""";

    @Test
    void valuesArriveExact() throws Exception {
        String composite = "pair_" + uniqueSuffix();
        source("CREATE TYPE " + composite + " AS (a int, b text)");
        List<Values> both = List.of(
                new Values("'a fat:2A cat'", "'fat & (rat | !cat) <-> dog'", "'$.a[*] ? (@ > 1)'", "'16/B374D848'",
                        "4294967295", "'4294967295'", "'18446744073709551615'", "'10:20:10,14,15'", "'pg_class'", "'x'",
                        "'nm'", "'08:00:2b:01:02:03:04:05'", "ROW(1, 'x, \"y\" \\\\ z')"),
                new Values("''", "'!a'", "'$'", "'0/0'", "0", "'0'", "'0'", "'10:10:'", "'-'", "''", "''",
                        "'ff:ff:ff:ff:ff:ff:ff:ff'", "ROW(NULL, NULL)"),
                new Values("$$'quoted''s':1 'b\\c' 'x':1,2,3B$$", "$$'a':* & b:AB <2> !!c$$",
                        "'strict $.\"key with space\".size()'", "'FFFFFFFF/FFFFFFFF'", "1", "'3'", "'1'",
                        "'1:1:'", "'pg_type'", "'Z'", "repeat('n', 63)", "'00:00:00:00:00:00:00:00'", "ROW(-1, '')"),
                new Values("NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL",
                        "NULL", "NULL"));
        // regclass names an object of the source database: its text. A composite type, like any type of
        // the user's that Debezium sends as bytes, arrives as those bytes: the UTF-8 of its text.
        assertSyncedExactly("systypes", COLUMNS.formatted(composite), both, List.of(),
                Map.of("c_comp", "convert_to(c_comp::text, 'UTF8')"), Map.of("c_comp", "c_comp"),
                Map.of("c_regclass", "text", "c_comp", "bytea"));
    }
}
