package io.spillway.change;

/** Debezium's operation codes. */
public enum Op {
    CREATE("c"), UPDATE("u"), DELETE("d"), READ("r"), TRUNCATE("t");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Null when the code is not one of Debezium's row operations (e.g. "m" for a logical message). */
    public static Op fromCode(String code) {
        for (Op op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        return null;
    }

    /** Whether the event leaves a row in place afterwards (insert, update, snapshot read). */
    public boolean writesRow() {
        return this == CREATE || this == UPDATE || this == READ;
    }
}
