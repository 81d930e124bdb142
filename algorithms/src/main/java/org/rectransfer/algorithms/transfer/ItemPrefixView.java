package org.rectransfer.algorithms.transfer;

import org.rectransfer.core.spi.Recommender;

/**
 * A recommender restricted to the first {@code numItems} items of another one (the target
 * items of a pooled item space). Scoring writes the full item range into a per-thread buffer
 * allocated once per thread, then copies the prefix. Thread-safe.
 */
final class ItemPrefixView implements Recommender {
    private final Recommender full;
    private final int numItems;
    private final ThreadLocal<float[]> buffer;

    ItemPrefixView(Recommender full, int numItems) {
        if (numItems > full.numItems()) {
            throw new IllegalArgumentException("prefix of " + numItems + " items exceeds " + full.numItems());
        }
        this.full = full;
        this.numItems = numItems;
        this.buffer = ThreadLocal.withInitial(() -> new float[full.numItems()]);
    }

    @Override
    public int numUsers() {
        return full.numUsers();
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public double predict(int uidx, int iidx) {
        if (iidx >= numItems) {
            throw new IndexOutOfBoundsException("item " + iidx + " >= " + numItems);
        }
        return full.predict(uidx, iidx);
    }

    @Override
    public void scoreAll(int uidx, float[] out) {
        float[] all = buffer.get();
        full.scoreAll(uidx, all);
        System.arraycopy(all, 0, out, 0, numItems);
    }
}
