package io.spillway.pipeline;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** point, line, lseg, box, open and closed path, polygon, circle, with extreme and inexact doubles. */
class GeometricTypesIT extends TypeFamilyFixture {
    private static final String COLUMNS = """
            c_point point, c_line line, c_lseg lseg, c_box box, c_path path, c_polygon polygon, c_circle circle""";

    @Test
    void geometricValuesArriveToTheLastBit() throws Exception {
        List<Values> both = List.of(
                new Values("'(1.5,-2.25)'", "'{1,-1,0.5}'", "'[(0,0),(1,1)]'", "'(1,1),(0,0)'",
                        "'[(0,0),(1,1),(2,0)]'", "'((0,0),(1,1),(2,0))'", "'<(1,2),3.5>'"),
                new Values("'(0,0)'", "'{0,1,0}'", "'[(0,0),(0,0)]'", "'(0,0),(0,0)'", "'((0,0),(1,1))'", "'((0,0))'",
                        "'<(0,0),0>'"),
                new Values("'(1e300,-1e-300)'", "'{0.1,0.2,0.3}'", "'[(1.7976931348623157e308,0),(-0.1,5e-324)]'",
                        "'(3.14159,2.71828),(-1,-1)'", "'((0.1,0.2),(0.3,0.4),(0.5,0.6))'", "'((1e10,1e-10),(2,2))'",
                        "'<(0.1,0.1),0.3>'"),
                new Values("'(-0.000001,123456789.123456789)'", "'{-1e-5,1e5,0}'", "'[(1,2),(3,4)]'",
                        "'(-1e-300,-1e-300),(-2e300,-2e300)'", "'[(1,1)]'", "'((1,1),(1,1),(1,1),(1,1))'",
                        "'<(-1e200,1e-200),1e100>'"),
                new Values("NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"));
        assertSyncedExactly("geometric", COLUMNS, both, List.of(), Map.of(), Map.of(), Map.of());
    }
}
