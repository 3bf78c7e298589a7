package io.spillway.change;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * The columns of an envelope schema, by the schema's exact bytes. Every record of a topic repeats the same
 * few-kilobyte schema; comparing bytes is far cheaper than building its tree and columns again, and cheaper
 * still than finding where the schema ends: the few schemas seen last (a topic's key and value schemas) are
 * compared where a record's schema starts ({@link #recentAt}), one vectorised comparison each. Others are
 * found by CRC32C, then compared. Bounded, least recently used first out; thread-safe.
 */
final class SchemaCache {
    private static final int MAX_ENTRIES = 256;
    private static final int RECENT = 8;

    /** A cached schema: its exact bytes (one complete JSON object) and its columns. */
    record Entry(byte[] bytes, List<Column> columns) {
        boolean matches(byte[] source, int from, int to) {
            return Arrays.equals(bytes, 0, bytes.length, source, from, to);
        }

        boolean startsAt(byte[] source, int from) {
            return source.length - from >= bytes.length && matches(source, from, from + bytes.length);
        }
    }

    /** Most recent first; replaced, never changed in place, so readers need no lock. */
    private volatile Entry[] recent = new Entry[0];
    private final Map<Long, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The columns of the schema at {@code bytes[from, to)}, computed by {@code parse} on a miss. */
    List<Column> columns(byte[] bytes, int from, int to, Function<byte[], List<Column>> parse) {
        for (Entry entry : recent) {
            if (entry.matches(bytes, from, to)) {
                return entry.columns();
            }
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
        remember(found);
        return found.columns();
    }

    /**
     * A recently seen schema whose bytes are those at {@code bytes[from...]}; null when none is. A JSON object
     * ends where its bytes say, so equal bytes from {@code from} on are the whole schema value there.
     */
    Entry recentAt(byte[] bytes, int from) {
        for (Entry entry : recent) {
            if (entry.startsAt(bytes, from)) {
                return entry;
            }
        }
        return null;
    }

    private synchronized void remember(Entry entry) {
        Entry[] now = recent;
        Entry[] next = new Entry[Math.min(RECENT, now.length + 1)];
        next[0] = entry;
        int i = 1;
        for (Entry e : now) {
            if (i < next.length && e != entry) {
                next[i++] = e;
            }
        }
        recent = i == next.length ? next : Arrays.copyOf(next, i);
    }
}
