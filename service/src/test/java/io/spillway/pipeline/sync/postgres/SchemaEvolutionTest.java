package io.spillway.pipeline.sync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.Column;
import io.spillway.change.TableId;
import io.spillway.pipeline.SchemaChangePolicy;
import io.spillway.pipeline.sync.TableChanges;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {
    private static final SchemaChangePolicy DEFAULT = SchemaChangePolicy.DEFAULT;

    private static Column column(String name, String sourceType, String length) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("__debezium.source.column.type", sourceType);
        if (length != null) {
            parameters.put("__debezium.source.column.length", length);
        }
        return new Column(name, "string", null, parameters, true, null);
    }

    private static TableChanges changes(List<String> key, Column... columns) {
        return new TableChanges(new TableId("db", "public", "t"), false, List.of(columns), key, List.of());
    }

    private static TargetLayout target(Map<String, String> columns, String... key) {
        return new TargetLayout(columns, Set.of(key));
    }

    private static Map<String, String> columns(String... nameType) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < nameType.length; i += 2) {
            columns.put(nameType[i], nameType[i + 1]);
        }
        return columns;
    }

    @Test
    void sameLayoutNeedsNothing() {
        SchemaEvolution.Plan plan = SchemaEvolution.plan("wh", "t", target(columns("id", "integer",
                "name", "character varying(10)", "__spillway_lsn", "bigint"), "id"),
                changes(List.of("id"), column("id", "INT4", null), column("name", "VARCHAR", "10")), DEFAULT);
        assertThat(plan).isEqualTo(new SchemaEvolution.Apply(List.of()));
    }

    @Test
    void aWideningIsAppliedToTheTargetAndAKeysSideTable() {
        SchemaEvolution.Plan plan = SchemaEvolution.plan("wh", "t", target(columns("id", "integer",
                "name", "character varying(10)"), "id"),
                changes(List.of("id"), column("id", "INT8", null), column("name", "VARCHAR", "50")), DEFAULT);
        assertThat(plan).isEqualTo(new SchemaEvolution.Apply(List.of(
                "ALTER TABLE \"wh\".\"t\" ALTER COLUMN \"id\" TYPE bigint",
                "ALTER TABLE IF EXISTS \"wh\".\"t__spillway_deleted\" ALTER COLUMN \"id\" TYPE bigint",
                "ALTER TABLE \"wh\".\"t\" ALTER COLUMN \"name\" TYPE varchar(50)")));
    }

    @Test
    void aChangeThatIsNoWideningPausesWithWhatToDo() {
        SchemaEvolution.Plan plan = SchemaEvolution.plan("wh", "t", target(columns("id", "integer", "code", "text"),
                "id"), changes(List.of("id"), column("id", "INT4", null), column("code", "INT4", null)), DEFAULT);
        assertThat(plan).isInstanceOf(SchemaEvolution.Pause.class);
        assertThat(((SchemaEvolution.Pause) plan).reason()).contains("\"code\"").contains("integer")
                .contains("text").contains("ALTER TABLE wh.t ALTER COLUMN").contains("replay");
    }

    @Test
    void aTargetAlreadyWiderTakesANarrowedSourceUnderWidenButNotUnderPause() {
        TargetLayout wide = target(columns("id", "bigint"), "id");
        TableChanges narrowed = changes(List.of("id"), column("id", "INT4", null));
        assertThat(SchemaEvolution.plan("wh", "t", wide, narrowed, DEFAULT))
                .isEqualTo(new SchemaEvolution.Apply(List.of()));
        assertThat(SchemaEvolution.plan("wh", "t", wide, narrowed, new SchemaChangePolicy(null, "pause")))
                .isInstanceOf(SchemaEvolution.Pause.class);
        TableChanges widened = changes(List.of("id"), column("id", "INT8", null));
        assertThat(SchemaEvolution.plan("wh", "t", target(columns("id", "integer"), "id"), widened,
                new SchemaChangePolicy(null, "pause"))).isInstanceOf(SchemaEvolution.Pause.class);
        assertThat(SchemaEvolution.plan("wh", "t", target(columns("id", "text"), "id"), widened,
                new SchemaChangePolicy(null, "keep"))).isEqualTo(new SchemaEvolution.Apply(List.of()));
    }

    @Test
    void aColumnGoneFromTheSourceIsDroppedOnlyUnderDropAndNeverOurOwnOrTheKey() {
        TargetLayout layout = target(columns("id", "integer", "old", "text", "__spillway_lsn", "bigint"), "id");
        TableChanges changes = changes(List.of("id"), column("id", "INT4", null));
        assertThat(SchemaEvolution.plan("wh", "t", layout, changes, DEFAULT))
                .isEqualTo(new SchemaEvolution.Apply(List.of()));
        assertThat(SchemaEvolution.plan("wh", "t", layout, changes, new SchemaChangePolicy("drop", null)))
                .isEqualTo(new SchemaEvolution.Apply(List.of("ALTER TABLE \"wh\".\"t\" DROP COLUMN \"old\"")));
    }

    @Test
    void aWindowWithoutSchemaDropsNothing() {
        TargetLayout layout = target(columns("id", "integer", "old", "text"), "id");
        assertThat(SchemaEvolution.plan("wh", "t", layout, changes(List.of("id")), new SchemaChangePolicy("drop", null)))
                .isEqualTo(new SchemaEvolution.Apply(List.of()));
    }

    @Test
    void aChangedPrimaryKeyPausesTheTable() {
        SchemaEvolution.Plan plan = SchemaEvolution.plan("wh", "t", target(columns("id", "integer", "k", "integer"),
                "id"), changes(List.of("id", "k"), column("id", "INT4", null), column("k", "INT4", null)), DEFAULT);
        assertThat(plan).isInstanceOf(SchemaEvolution.Pause.class);
        assertThat(((SchemaEvolution.Pause) plan).reason()).contains("primary key").contains("[id, k]")
                .contains("t__spillway_deleted");
    }
}
