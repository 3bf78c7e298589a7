package io.spillway.change;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * The columns of an envelope schema, by the schema's exact bytes. Every record of a topic repeats the same
 * few-kilobyte schema; comparing bytes is far cheaper than building its tree and columns again. The last
 * schema seen is checked first (one vectorised comparison); others are found by CRC32C, then compared.
 * Bounded, least recently used first out; thread-safe.
 */
final class SchemaCache {
    private static final int MAX_ENTRIES = 256;

    private record Entry(byte[] bytes, List<Column> columns) {
        boolean matches(byte[] source, int from, int to) {
            return Arrays.equals(bytes, 0, bytes.length, source, from, to);
        }
    }

    private volatile Entry last;
    private final Map<Long, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The columns of the schema at {@code bytes[from, to)}, computed by {@code parse} on a miss. */
    List<Column> columns(byte[] bytes, int from, int to, Function<byte[], List<Column>> parse) {
        Entry recent = last;
        if (recent != null && recent.matches(bytes, from, to)) {
            return recent.columns();
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, to - from);
        long key = (crc.getValue() << 32) | (to - from);
        Entry found;
        synchronized (entries) {
            found = entries.get(key);
        }
        if (found == null || !found.matches(bytes, from, to)) {
            byte[] copy = Arrays.copyOfRange(bytes, from, to);
            found = new Entry(copy, parse.apply(copy));
            synchronized (entries) {
                entries.put(key, found);
            }
        }
        last = found;
        return found.columns();
    }
}
