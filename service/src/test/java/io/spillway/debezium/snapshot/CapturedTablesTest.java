package io.spillway.debezium.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapturedTablesTest {
    @Test
    void namesMustBeSchemaDotTableOfPlainIdentifiersListedOnce() {
        assertThat(CapturedTables.requireNames(List.of("public.person12", "sales.Order_$1"), "tables"))
                .containsExactly("public.person12", "sales.Order_$1");
        for (String bad : List.of("person12", "public.person12; DROP TABLE x", "public.\"x\"", "a.b.c", "public.*",
                "public.per son", ".t", "public.", "1a.t", "public.t|other.u")) {
            assertThatThrownBy(() -> CapturedTables.requireNames(List.of(bad), "tables"))
                    .as(bad).isInstanceOf(InvalidRequestException.class).hasMessageContaining("schema.table");
        }
        assertThatThrownBy(() -> CapturedTables.requireNames(List.of("public.a", "public.a"), "tables"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> CapturedTables.requireNames(List.of(), "tables")).hasMessageContaining("empty");
        assertThatThrownBy(() -> CapturedTables.requireNames(null, "tables")).hasMessageContaining("empty");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= CapturedTables.MAX_TABLES; i++) {
            many.add("public.t" + i);
        }
        assertThatThrownBy(() -> CapturedTables.requireNames(many, "tables")).hasMessageContaining("at most");
        assertThatThrownBy(() -> CapturedTables.requireNames(Collections.singletonList(null), "tables"))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aFilterIsOneConditionForARequestedTableWithoutSeparatorsOrComments() {
        List<String> tables = List.of("public.a");
        assertThat(CapturedTables.requireFilters(Map.of("public.a", " id > 100 AND s = 'x' "), tables))
                .containsEntry("public.a", "id > 100 AND s = 'x'");
        assertThat(CapturedTables.requireFilters(null, tables)).isEmpty();
        for (String bad : List.of("id > 1; DELETE FROM a", "id > 1 -- x", "id > 1 /* x */", "id > 1 */", "x\0")) {
            assertThatThrownBy(() -> CapturedTables.requireFilters(Map.of("public.a", bad), tables))
                    .as(bad).isInstanceOf(InvalidRequestException.class).hasMessageContaining("one SQL condition");
        }
        assertThatThrownBy(() -> CapturedTables.requireFilters(Map.of("public.b", "id > 1"), tables))
                .hasMessageContaining("not in tables");
        assertThatThrownBy(() -> CapturedTables.requireFilters(Map.of("public.a", " "), tables))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> CapturedTables.requireFilters(Map.of("public.a", "x".repeat(2_001)), tables))
                .hasMessageContaining("longer");
    }

    @Test
    void capturedFollowsDebeziumsIncludeAndExcludeListsMatchedWhole() {
        Map<String, String> include = Map.of("table.include.list", "public.person12, sales\\..*");
        assertThat(CapturedTables.captured("public.person12", include)).isTrue();
        assertThat(CapturedTables.captured("PUBLIC.Person12", include)).isTrue();
        assertThat(CapturedTables.captured("sales.orders", include)).isTrue();
        assertThat(CapturedTables.captured("public.person123", include)).isFalse();
        assertThat(CapturedTables.captured("public.orders", include)).isFalse();

        Map<String, String> exclude = Map.of("schema.include.list", "public", "table.exclude.list", "public.secret.*");
        assertThat(CapturedTables.captured("public.orders", exclude)).isTrue();
        assertThat(CapturedTables.captured("public.secrets", exclude)).isFalse();
        assertThat(CapturedTables.captured("sales.orders", exclude)).isFalse();
        assertThat(CapturedTables.captured("any.table", Map.of())).isTrue();
        assertThat(CapturedTables.captured("private.t", Map.of("schema.exclude.list", "private"))).isFalse();

        assertThatThrownBy(() -> CapturedTables.requireCaptured(List.of("public.orders", "public.person12"), include,
                "c1")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("[public.orders]")
                .hasMessageContaining("PATCH /debezium/connector/c1");
    }
}
