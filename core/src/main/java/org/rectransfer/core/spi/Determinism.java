package org.rectransfer.core.spi;

/** What an algorithm promises about repeated runs with the same data, config and seed. */
public enum Determinism {
    /** Bit-identical output for any thread count. */
    BIT_IDENTICAL,
    /** Bit-identical for a fixed thread count only (e.g. Hogwild-style parallel SGD). */
    SAME_THREAD_COUNT,
    /** No guarantee. */
    NONE
}
