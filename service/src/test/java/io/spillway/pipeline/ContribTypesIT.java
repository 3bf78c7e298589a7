package io.spillway.pipeline;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contrib types the embedded PostgreSQL ships, hstore, citext and ltree (with lquery): loaded as text,
 * so the target needs no extension, holding exactly the source's text.
 */
class ContribTypesIT extends TypeFamilyFixture {
    private static final String COLUMNS = """
            c_hstore hstore, c_citext citext, c_ltree ltree, c_lquery lquery, c_citexts citext[]""";

    @Test
    void contribValuesArriveAsTheirExactText() throws Exception {
        source("CREATE EXTENSION IF NOT EXISTS hstore", "CREATE EXTENSION IF NOT EXISTS citext",
                "CREATE EXTENSION IF NOT EXISTS ltree");
        List<Values> both = List.of(
                new Values("$$a=>1, \"b c\"=>NULL, \"\\\"q\"=>\"x,y\"$$", "'MiXeD'", "'top.science.astronomy'",
                        "'*.science.*'", "'{AbC,NULL}'"),
                new Values("''", "''", "''", "'a'", "'{}'"),
                new Values("$$\"\\\\\"=>\"\\\"\", \"\u00e9\"=>\"\u00fc\", \"long key here\"=>\"v\", k=>\"\", zz=>\"=>\"$$",
                        "'\u00c4\u00d6\u00fc '", "'a.b_c.d1'", "'top.*{1,2}.x|y'", "'{\"with space\",\"\"}'"),
                new Values("NULL", "NULL", "NULL", "NULL", "NULL"));
        assertSyncedExactly("contrib", COLUMNS, both, List.of(), Map.of(), Map.of(),
                Map.of("c_hstore", "text", "c_citext", "text", "c_ltree", "text", "c_lquery", "text",
                        "c_citexts", "text[]"));
    }
}
