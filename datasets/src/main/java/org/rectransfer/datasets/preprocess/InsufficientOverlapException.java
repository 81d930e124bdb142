package org.rectransfer.datasets.preprocess;

/** Thrown by {@link MinimumOverlap} when too few users overlap the target and a source. */
public final class InsufficientOverlapException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int found;
    private final int required;

    public InsufficientOverlapException(int found, int required, String step) {
        super(step + ": " + found + " user(s) are in the target and a source, at least " + required + " required");
        this.found = found;
        this.required = required;
    }

    public int found() {
        return found;
    }

    public int required() {
        return required;
    }
}
