package org.rectransfer.algorithms.popularity;

import org.rectransfer.core.data.InteractionMatrix;

/** Damped means {@code (sum + d mu) / (n + d)} of the rows of a matrix. Stateless. */
final class DampedMeans {
    private DampedMeans() {
    }

    /** One damped mean per row of {@code m}; rows without entries get {@code mu}. */
    static float[] ofRows(InteractionMatrix m, double mu, double damping) {
        float[] out = new float[m.numRows()];
        for (int r = 0; r < m.numRows(); r++) {
            double sum = 0;
            for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
                sum += m.value(p);
            }
            int n = m.rowSize(r);
            out[r] = n + damping == 0 ? (float) mu : (float) ((sum + damping * mu) / (n + damping));
        }
        return out;
    }
}
