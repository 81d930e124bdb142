package org.rectransfer.algorithms.cluster;

import java.util.List;

import org.rectransfer.core.data.InteractionMatrix;

/**
 * Discrete rating levels for a model over a finite set of rating values (RMGM), derived from the
 * data: from {@code floor(min)} to {@code ceil(max)} of all observed values in steps of 1 (so
 * integer 1..5 data gives the levels 1, 2, 3, 4, 5), or, when that would be more than
 * {@code maxLevels} levels, {@code maxLevels} evenly spaced levels over the same range. A single
 * observed value {@code v} gives the two levels {@code v, v + 1}.
 *
 * <p>A rating between two adjacent levels is split between them by linear interpolation:
 * {@code r = lo + f * step} counts {@code 1 - f} at level {@code lo} and {@code f} at the next,
 * so the expected level of an observation equals the rating (nothing is lost by rounding) and
 * a rating on a level counts fully there. Immutable.
 */
final class RatingGrid {
    private final double lo;
    private final double step;
    private final int size;

    RatingGrid(double lo, double step, int size) {
        if (size < 2 || !(step > 0)) {
            throw new IllegalArgumentException("a rating grid needs >= 2 levels and a positive step, got " + size
                    + " levels, step " + step);
        }
        this.lo = lo;
        this.step = step;
        this.size = size;
    }

    /** The grid of the observed values of {@code matrices} (at least one value overall). */
    static RatingGrid of(List<InteractionMatrix> matrices, int maxLevels) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (InteractionMatrix m : matrices) {
            for (int p = 0; p < m.nnz(); p++) {
                double v = m.value(p);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("no observed ratings to derive rating levels from");
        }
        double lo = Math.floor(min);
        double hi = Math.max(Math.ceil(max), lo + 1);
        int n = (int) (hi - lo) + 1;
        if (n > maxLevels) {
            return new RatingGrid(lo, (hi - lo) / (maxLevels - 1), maxLevels);
        }
        return new RatingGrid(lo, 1.0, n);
    }

    int size() {
        return size;
    }

    double level(int j) {
        return lo + j * step;
    }

    /** Index of the lower of the two levels {@code r} is split between, in {@code [0, size - 2]}. */
    int lower(double r) {
        double t = (r - lo) / step;
        int j = (int) Math.floor(t);
        return Math.max(0, Math.min(size - 2, j));
    }

    /** Weight of level {@code lower(r) + 1}, in [0, 1] (values outside the grid are clamped). */
    double upperWeight(double r) {
        double f = (r - lo) / step - lower(r);
        return Math.max(0, Math.min(1, f));
    }
}
