package org.rectransfer.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.provenance.Hashing;

class RunContextTest {

    private static long[] draws(SplittableRandom r) {
        long[] out = new long[8];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.nextLong();
        }
        return out;
    }

    @Test
    void sameComponentGivesTheSameStreamWhateverWasDrawnBefore() {
        RunContext ctx = new RunContext(17, "cell-a", 4, RunContext.Progress.NONE);
        long[] first = draws(ctx.random("init"));
        draws(ctx.random("other")); // drawing from another component changes nothing
        assertThat(draws(ctx.random("init"))).isEqualTo(first);
        assertThat(draws(new RunContext(17, "cell-a", 1, RunContext.Progress.NONE).random("init")))
                .as("thread count does not change streams").isEqualTo(first);
        assertThat(ctx.seedFor("init")).isEqualTo(Hashing.sha256Long("17/cell-a/init"));
    }

    @Test
    void differentComponentCellOrSeedGiveDifferentStreams() {
        RunContext ctx = new RunContext(17, "cell-a", 1, RunContext.Progress.NONE);
        long[] base = draws(ctx.random("init"));
        assertThat(draws(ctx.random("init2"))).isNotEqualTo(base);
        assertThat(draws(new RunContext(17, "cell-b", 1, RunContext.Progress.NONE).random("init"))).isNotEqualTo(base);
        assertThat(draws(new RunContext(18, "cell-a", 1, RunContext.Progress.NONE).random("init"))).isNotEqualTo(base);
        assertThat(ctx.seedFor("init")).isNotEqualTo(ctx.seedFor("init2"));
    }

    @Test
    void childContexts() {
        RunContext ctx = new RunContext(5, "grid/3", 3, RunContext.Progress.NONE);
        RunContext child = ctx.child("mf");
        assertThat(child.cell()).isEqualTo("grid/3/mf");
        assertThat(child.masterSeed()).isEqualTo(5);
        assertThat(child.threads()).isEqualTo(3);
        assertThat(child.progress()).isSameAs(ctx.progress());
        assertThat(draws(child.random("init"))).isNotEqualTo(draws(ctx.random("init")));
        assertThat(draws(ctx.child("mf").random("init"))).isEqualTo(draws(child.random("init")));
        assertThat(draws(ctx.child("knn").random("init"))).isNotEqualTo(draws(child.random("init")));
        RunContext wide = ctx.withThreads(8);
        assertThat(wide.threads()).isEqualTo(8);
        assertThat(wide.seedFor("x")).isEqualTo(ctx.seedFor("x"));
    }

    @Test
    void checkCancelledFollowsTheProgressHook() {
        AtomicBoolean stop = new AtomicBoolean(false);
        RunContext.Progress progress = new RunContext.Progress() {
            @Override
            public void report(String component, long done, long total) {
            }

            @Override
            public boolean cancelled() {
                return stop.get();
            }
        };
        RunContext ctx = new RunContext(1, "c", 1, progress);
        assertThatCode(() -> ctx.checkCancelled("sgd")).doesNotThrowAnyException();
        stop.set(true);
        assertThatThrownBy(() -> ctx.checkCancelled("sgd"))
                .isInstanceOf(RunContext.CancelledException.class).hasMessageContaining("sgd");
        assertThatThrownBy(() -> ctx.child("x").checkCancelled("als")).isInstanceOf(RunContext.CancelledException.class);
        assertThat(RunContext.Progress.NONE.cancelled()).isFalse();
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> new RunContext(1, "c", 0, RunContext.Progress.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunContext(1, null, 1, RunContext.Progress.NONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RunContext(1, "c", 1, null)).isInstanceOf(NullPointerException.class);
        RunContext d = RunContext.of(9);
        assertThat(d.cell()).isEqualTo("default");
        assertThat(d.threads()).isEqualTo(1);
    }
}
