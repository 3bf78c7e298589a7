package io.spillway.pipeline.postgres.types;

import java.math.BigInteger;
import java.util.Base64;

/**
 * Bit strings. Debezium sends {@code bit(1)} as a boolean and longer ones as {@code io.debezium.data.Bits}:
 * the bits read as one unsigned number, its bytes little-endian (BitSet order), with the declared length
 * as the schema's {@code length}. For {@code bit(n)} the length restores the leading zeros exactly; a
 * {@code bit varying} value's own length is not in the record, so its leading zeros are lost (Debezium).
 */
public final class BitText {
    private BitText() {
    }

    public static String ofBoolean(boolean bit) {
        return bit ? "1" : "0";
    }

    /** @param fixedLength the n of bit(n), or -1 for bit varying */
    public static String ofBits(String base64, int fixedLength) {
        byte[] littleEndian = Base64.getDecoder().decode(base64);
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        String digits = new BigInteger(1, bigEndian).toString(2);
        if (fixedLength <= digits.length()) {
            return digits;
        }
        return "0".repeat(fixedLength - digits.length()) + digits;
    }
}
