package io.spillway.pipeline.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgIdentifiersTest {
    @Test
    void quotesEveryNameAndDoublesEmbeddedQuotes() {
        assertThat(PgIdentifiers.quote("person12")).isEqualTo("\"person12\"");
        assertThat(PgIdentifiers.quote("weird \"name\"; drop table x; --"))
                .isEqualTo("\"weird \"\"name\"\"; drop table x; --\"");
        assertThat(PgIdentifiers.quote("Upper Case")).isEqualTo("\"Upper Case\"");
        assertThat(PgIdentifiers.qualified("my schema", "t\"")).isEqualTo("\"my schema\".\"t\"\"\"");
        assertThat(PgIdentifiers.list(List.of("a", "b\"c"))).isEqualTo("\"a\", \"b\"\"c\"");
    }

    @Test
    void rejectsNamesPostgresCannotHold() {
        assertThatThrownBy(() -> PgIdentifiers.quote("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgIdentifiers.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void derivedNamesStayWithinPostgresLimitAndUnique() {
        assertThat(PgIdentifiers.derived("orders", "_changelog")).isEqualTo("orders_changelog");
        String a = PgIdentifiers.derived("x".repeat(60) + "a", "__spillway_deleted");
        String b = PgIdentifiers.derived("x".repeat(60) + "b", "__spillway_deleted");
        assertThat(a.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(a).endsWith("__spillway_deleted").isNotEqualTo(b);
        assertThat(PgIdentifiers.derived("é".repeat(40), "_changelog").getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(63);
    }
}
