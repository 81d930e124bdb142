package org.rectransfer.core.spi;

/**
 * Transfer family of a {@link TransferStrategy}: the three families of the transfer-learning
 * literature (Pan &amp; Yang 2010) plus collective factorisation and embedding-and-mapping from
 * the cross-domain recommendation literature, and {@link #NONE} for baselines.
 */
public enum Family {
    /** Shared or projected representations. */
    FEATURE,
    /** Re-weighted source instances. */
    INSTANCE,
    /** Shared parameters or patterns. */
    MODEL,
    /** Joint factorisation of several domains with shared factors (e.g. CMF). */
    COLLECTIVE,
    /** Per-domain models bridged by a learned mapping (e.g. EMCDR). */
    MAPPING,
    /** No transfer: a baseline. */
    NONE
}
