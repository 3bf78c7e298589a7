package io.spillway.pipeline;

import io.spillway.secret.Secrets;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code sync} into PostgreSQL does when the source's table changes shape (see docs/jobs.md, "Schema
 * changes"). Added columns are always added; a changed primary key always pauses the table.
 *
 * @param droppedColumn {@value #KEEP}: a column gone from the source's schema stays in the target with its
 *                      last values; {@value #DROP}: it is dropped from the target
 * @param typeChange {@value #WIDEN}: a widening is applied to the target, anything else pauses the table;
 *                   {@value #PAUSE}: every type difference pauses it; {@value #KEEP}: types are not compared
 */
@Schema(description = "what sync into PostgreSQL does when a source table changes shape")
public record SchemaChangePolicy(
        @Schema(example = "keep", defaultValue = "keep", allowableValues = {"keep", "drop"},
                description = "a column gone from the source's schema: keep it in the target with its last values,"
                        + " or drop it from the target")
        String droppedColumn,
        @Schema(example = "widen", defaultValue = "widen", allowableValues = {"widen", "pause", "keep"},
                description = "a column whose source type changed: widen applies widenings (integer to bigint,"
                        + " longer varchar, ...) and pauses the table on any other change; pause pauses it on every"
                        + " change; keep does not compare types")
        String typeChange) {
    public static final String KEEP = "keep";
    public static final String DROP = "drop";
    public static final String WIDEN = "widen";
    public static final String PAUSE = "pause";
    public static final SchemaChangePolicy DEFAULT = new SchemaChangePolicy(KEEP, WIDEN);

    /** A missing part takes its default, so {@code {"dropped_column": "drop"}} alone is fine. */
    public SchemaChangePolicy {
        droppedColumn = droppedColumn == null ? KEEP : droppedColumn;
        typeChange = typeChange == null ? WIDEN : typeChange;
    }

    public boolean dropsColumns() {
        return DROP.equals(droppedColumn);
    }

    public boolean comparesTypes() {
        return !KEEP.equals(typeChange);
    }

    public boolean widens() {
        return WIDEN.equals(typeChange);
    }

    /** What is wrong with the values, for a 400; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!KEEP.equals(droppedColumn) && !DROP.equals(droppedColumn)) {
            problems.add("schema_changes.dropped_column must be 'keep' (the target keeps the column and its values)"
                    + " or 'drop' (the target drops it) (got '" + Secrets.abbreviate(droppedColumn) + "')");
        }
        if (!WIDEN.equals(typeChange) && !PAUSE.equals(typeChange) && !KEEP.equals(typeChange)) {
            problems.add("schema_changes.type_change must be 'widen' (apply widenings, pause the table on any other"
                    + " change), 'pause' (pause the table on every type change) or 'keep' (do not compare types) (got '"
                    + Secrets.abbreviate(typeChange) + "')");
        }
        return problems;
    }
}
