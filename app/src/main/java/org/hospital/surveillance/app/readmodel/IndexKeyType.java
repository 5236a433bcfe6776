package org.hospital.surveillance.app.readmodel;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The key type of the embedded server's unique indexes ({@link KeyedIndexDatabase}): an index key
 * that is one string (every {@code _id} the read models use) is stored and compared as a string.
 *
 * <p>The server opens its index maps with H2's default {@link ObjectDataType}, which knows nothing of
 * the server's {@code KeyValue} and compares two keys by Java-serializing both, at every step of
 * every binary search: 54 % of the server's time while a rebuild wrote the read models
 * (docs/benchmarks.md, "What bounds the rebuild"). Any other key (a number, a compound key, a sparse
 * key's null) is stored, ordered and compared as before, by the default type, after all string keys.
 * The index is only asked for equality (and scanned whole for a regular expression), so any total
 * order consistent with equality serves; this one is string order, then the old order.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    private static final byte TEXT = 0;
    private static final byte OTHER = 1;

    /** H2's default type for the other keys; it keeps per-map state, so one per map, as the server had. */
    private final ObjectDataType other = new ObjectDataType();

    @Override
    public int compare(KeyValue a, KeyValue b) {
        String x = text(a);
        String y = text(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        if (x != null) {
            return -1;
        }
        if (y != null) {
            return 1;
        }
        return other.compare(a, b);
    }

    @Override
    public int getMemory(KeyValue key) {
        String text = text(key);
        return text != null ? 48 + 2 * text.length() : other.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        String text = text(key);
        if (text != null) {
            buffer.put(TEXT);
            StringDataType.INSTANCE.write(buffer, text);
        } else {
            buffer.put(OTHER);
            other.write(buffer, key);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return buffer.get() == TEXT ? new KeyValue(StringDataType.INSTANCE.read(buffer)) : (KeyValue) other.read(buffer);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    /** The key's one value if it is a string, else null. */
    private static String text(KeyValue key) {
        return key.size() == 1 && key.get(0) instanceof String text ? text : null;
    }
}
