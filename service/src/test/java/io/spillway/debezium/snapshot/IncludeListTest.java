package io.spillway.debezium.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.ConflictException;
import io.spillway.api.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncludeListTest {
    @Test
    void addsNewTablesOnceAndRemovesListedEntriesAsWrittenOrEscaped() {
        IncludeList list = IncludeList.change("public.a, public\\.b", List.of("public.c", "public.a"),
                List.of("public.b"), "c1");
        assertThat(list.value()).isEqualTo("public.a,public.c");
        assertThat(list.added()).containsExactly("public.c");
        assertThat(list.removed()).containsExactly("public.b");
    }

    @Test
    void refusesAMissingListAnUnlistedRemovalAndAnEmptyResult() {
        assertThatThrownBy(() -> IncludeList.change(null, List.of("public.a"), List.of(), "c1"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("table.include.list");
        assertThatThrownBy(() -> IncludeList.change("public.a", List.of(), List.of("public.z"), "c1"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("public.z");
        assertThatThrownBy(() -> IncludeList.change("public.a", List.of(), List.of("public.a"), "c1"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty");
    }
}
