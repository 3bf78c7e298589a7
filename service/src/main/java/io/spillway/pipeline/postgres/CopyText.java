package io.spillway.pipeline.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows into a {@code COPY ... FROM STDIN} in PostgreSQL's text format, escaping each value so that
 * no content can end a field or a row early. Buffers about 256 KB between writes to the server.
 */
public final class CopyText implements AutoCloseable {
    private static final int FLUSH_BYTES = 256 * 1024;
    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder();
    private long rows;

    public CopyText(CopyIn copy) {
        this.copy = copy;
    }

    public void row(List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                buffer.append('\t');
            }
            appendField(buffer, values.get(i));
        }
        buffer.append('\n');
        rows++;
        if (buffer.length() >= FLUSH_BYTES) {
            flush();
        }
    }

    static void appendField(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        int plain = plainPrefix(value);
        if (plain == value.length()) {
            out.append(value); // most values need no escape: copied at once, not char by char
            return;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
    }

    /** How many of the value's first characters need no escape. */
    private static int plainPrefix(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
                return i;
            }
        }
        return value.length();
    }

    private void flush() throws SQLException {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    /** Ends the COPY; returns the number of rows the server took. */
    public long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
