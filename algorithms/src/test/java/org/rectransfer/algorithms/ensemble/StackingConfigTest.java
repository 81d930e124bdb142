package org.rectransfer.algorithms.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.spi.Determinism;
import org.rectransfer.core.spi.Registry;

/** Config validation of both ensembles: no recursion, unknown ids listed, bad settings named. */
class StackingConfigTest {

    private static Stacking.Config stacking(List<String> components) {
        return new Stacking.Config(components, 0, "cold-users", 0.2, 1e-3, true, true);
    }

    @Test
    void defaultComponentsExistAndAreRegistered() {
        Registry r = Registry.load();
        assertThat(r.strategyIds()).contains("stacking", "multi-source-ensemble");
        for (String id : Stacking.DEFAULT_COMPONENTS) {
            assertThat(r.strategy(id).id()).isEqualTo(id);
        }
        assertThat(new Stacking().determinism()).isEqualTo(Determinism.BIT_IDENTICAL);
        assertThat(new MultiSourceEnsemble().determinism()).isEqualTo(Determinism.BIT_IDENTICAL);
    }

    @Test
    void ensemblesDoNotNest() {
        assertThatThrownBy(() -> stacking(List.of("cmf", "stacking")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'stacking' is itself an ensemble");
        assertThatThrownBy(() -> stacking(List.of("multi-source-ensemble")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not nest");
        MultiSourceEnsemble.Config d = new MultiSourceEnsemble().defaultConfig();
        assertThatThrownBy(() -> new MultiSourceEnsemble.Config("stacking", d.targetOnly(), 0, d.holdout(),
                d.holdoutFraction(), d.ridge(), d.nonNegative(), d.intercept()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base: 'stacking'");
    }

    @Test
    void unknownIdsListWhatExists() {
        assertThatThrownBy(() -> stacking(List.of("cmf", "no-such-thing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown strategy 'no-such-thing'")
                .hasMessageContaining("emcdr");
        assertThatThrownBy(() -> stacking(List.of("target-only(nope)")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("known algorithms");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> stacking(List.of())).hasMessageContaining("components");
        assertThatThrownBy(() -> stacking(List.of("cmf", "cmf"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> new Stacking.Config(List.of("cmf"), -1, "cold-users", 0.2, 0, true, true))
                .hasMessageContaining("factors").hasMessageContaining("-1");
        assertThatThrownBy(() -> new Stacking.Config(List.of("cmf"), 0, "users", 0.2, 0, true, true))
                .hasMessageContaining("holdout").hasMessageContaining("'users'");
        assertThatThrownBy(() -> new Stacking.Config(List.of("cmf"), 0, "ratings", 1.0, 0, true, true))
                .hasMessageContaining("holdoutFraction").hasMessageContaining("1.0");
        assertThatThrownBy(() -> new Stacking.Config(List.of("cmf"), 0, "both", 0.2, -1, true, true))
                .hasMessageContaining("ridge");
    }
}
