package io.spillway.change;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The columns of an envelope schema, by the schema's exact bytes. Every record of a topic repeats the same
 * few-kilobyte schema; comparing bytes is far cheaper than building its tree and columns again. Bounded,
 * least recently used first out; thread-safe.
 */
final class SchemaCache {
    private static final int MAX_ENTRIES = 256;

    private final Map<ByteBuffer, List<Column>> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, List<Column>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The columns of the schema at {@code bytes[from, to)}, computed by {@code parse} on a miss. */
    List<Column> columns(byte[] bytes, int from, int to, Function<ByteBuffer, List<Column>> parse) {
        ByteBuffer slice = ByteBuffer.wrap(bytes, from, to - from).slice();
        synchronized (entries) {
            List<Column> cached = entries.get(slice);
            if (cached != null) {
                return cached;
            }
        }
        List<Column> columns = parse.apply(slice);
        byte[] copy = new byte[to - from];
        System.arraycopy(bytes, from, copy, 0, copy.length);
        synchronized (entries) {
            entries.put(ByteBuffer.wrap(copy), columns);
        }
        return columns;
    }
}
