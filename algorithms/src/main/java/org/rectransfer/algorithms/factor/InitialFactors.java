package org.rectransfer.algorithms.factor;

import java.util.Arrays;

/**
 * Optional initial values (warm start) for the factor models that support them ({@link Als},
 * {@link Wrmf}, {@link Bpr}): the hook that fine-tuning and initialisation-based transfer
 * strategies use to start a target-domain fit from factors learned elsewhere.
 *
 * <p>Each array is optional ({@code null} = not given) and, when given, must have exactly
 * {@code numUsers * k} (user factors), {@code numItems * k} (item factors) or {@code numItems}
 * (item biases, used by {@link Bpr} only) entries, row-major. A row containing a {@code NaN} means
 * "no initial value for this row": that row is initialised as the algorithm does without a warm
 * start (so partial initialisation, e.g. only for the users shared with a source domain, needs
 * no extra mask). Finite values are copied; infinities are refused.
 *
 * <p>How a model treats rows <em>without any training interaction</em> matters for transfer:
 * the algorithms using this class never update such rows, so a cold-start user with an initial
 * vector keeps it (and is scored with it), while one without keeps the zero vector. See each
 * algorithm for the order of its first half-steps.
 *
 * <p>Thread safety: immutable (arrays are copied on construction and never handed out).
 */
public final class InitialFactors {

    /** No initial values: every algorithm initialises as documented. */
    public static final InitialFactors NONE = new InitialFactors(0, null, null, null);

    private final int k;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float[] itemBias;

    private InitialFactors(int k, float[] userFactors, float[] itemFactors, float[] itemBias) {
        this.k = k;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.itemBias = itemBias;
    }

    /**
     * Initial user and / or item factors of dimension {@code k}.
     *
     * @param k           latent dimension, must equal the fitted config's {@code factors}
     * @param userFactors {@code numUsers x k} row-major, or {@code null}
     * @param itemFactors {@code numItems x k} row-major, or {@code null}
     */
    public static InitialFactors of(int k, float[] userFactors, float[] itemFactors) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        return new InitialFactors(k, copyChecked(userFactors, "userFactors", k), copyChecked(itemFactors, "itemFactors", k),
                null);
    }

    /** This warm start with initial item biases (length {@code numItems}; NaN = not given). */
    public InitialFactors withItemBias(float[] initialItemBias) {
        return new InitialFactors(k, userFactors, itemFactors, copyChecked(initialItemBias, "itemBias", 1));
    }

    private static float[] copyChecked(float[] a, String what, int rowLength) {
        if (a == null) {
            return null;
        }
        if (a.length % rowLength != 0) {
            throw new IllegalArgumentException(what + " has length " + a.length + ", not a multiple of k = " + rowLength);
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.isInfinite(a[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is infinite");
            }
        }
        return Arrays.copyOf(a, a.length);
    }

    /** True when nothing is given. */
    public boolean isEmpty() {
        return userFactors == null && itemFactors == null && itemBias == null;
    }

    public boolean hasUserFactors() {
        return userFactors != null;
    }

    public boolean hasItemFactors() {
        return itemFactors != null;
    }

    public boolean hasItemBias() {
        return itemBias != null;
    }

    /** Checks the shapes against a fit of {@code numUsers x numItems} with {@code factors} dimensions. */
    void validate(int numUsers, int numItems, int factors) {
        if (isEmpty()) {
            return;
        }
        if ((userFactors != null || itemFactors != null) && k != factors) {
            throw new IllegalArgumentException("initial factors have k = " + k + " but the config has factors = " + factors);
        }
        if (userFactors != null && userFactors.length != (long) numUsers * factors) {
            throw new IllegalArgumentException("initial user factors have " + userFactors.length + " values, expected "
                    + numUsers + " users x " + factors);
        }
        if (itemFactors != null && itemFactors.length != (long) numItems * factors) {
            throw new IllegalArgumentException("initial item factors have " + itemFactors.length + " values, expected "
                    + numItems + " items x " + factors);
        }
        if (itemBias != null && itemBias.length != numItems) {
            throw new IllegalArgumentException("initial item biases have " + itemBias.length + " values, expected "
                    + numItems);
        }
    }

    /** Overwrites the rows of {@code target} (n x k) that have an initial user row; returns a per-row mask. */
    boolean[] applyUsers(float[] target, int n, int factors) {
        return apply(userFactors, target, n, factors);
    }

    /** Overwrites the rows of {@code target} (n x k) that have an initial item row; returns a per-row mask. */
    boolean[] applyItems(float[] target, int n, int factors) {
        return apply(itemFactors, target, n, factors);
    }

    /** Overwrites the entries of {@code target} (length n) that have an initial item bias. */
    void applyItemBias(float[] target) {
        if (itemBias == null) {
            return;
        }
        for (int i = 0; i < target.length; i++) {
            if (!Float.isNaN(itemBias[i])) {
                target[i] = itemBias[i];
            }
        }
    }

    private static boolean[] apply(float[] source, float[] target, int n, int k) {
        boolean[] given = new boolean[n];
        if (source == null) {
            return given;
        }
        for (int r = 0; r < n; r++) {
            int o = r * k;
            boolean ok = true;
            for (int f = 0; f < k; f++) {
                if (Float.isNaN(source[o + f])) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                System.arraycopy(source, o, target, o, k);
                given[r] = true;
            }
        }
        return given;
    }
}
