package org.rectransfer.core.spi;

/**
 * Turns a single-domain {@link Algorithm} into a {@link TransferStrategy} with the same config
 * type, e.g. {@code target-only(algo)} or {@code pooled(algo)}. Found through
 * {@link java.util.ServiceLoader}; stateless.
 */
public interface AlgorithmWrapper {

    /** Wrapper id; the wrapped strategy's id is {@code id() + "(" + algorithm.id() + ")"}. */
    String id();

    <C extends Record> TransferStrategy<C> wrap(Algorithm<C> algorithm);
}
