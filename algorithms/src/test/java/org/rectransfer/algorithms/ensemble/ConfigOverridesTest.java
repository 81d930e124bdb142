package org.rectransfer.algorithms.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rectransfer.algorithms.baseline.BiasBaseline;
import org.rectransfer.algorithms.transfer.Cmf;
import org.rectransfer.algorithms.transfer.Emcdr;
import org.rectransfer.core.spi.Registry;

/** {@link ConfigOverrides#withFactors}: changes exactly {@code factors}, validates, leaves other records alone. */
class ConfigOverridesTest {

    @Test
    void overridesFactorsAndKeepsEverythingElse() {
        Cmf.Config d = new Cmf().defaultConfig();
        Cmf.Config c = ConfigOverrides.withFactors(d, 7);
        assertThat(d.factors()).isNotEqualTo(7);
        assertThat(c.factors()).isEqualTo(7);
        assertThat(c).isEqualTo(new Cmf.Config(7, d.epochs(), d.learningRate(), d.regularization(),
                d.biasRegularization(), d.initStd(), d.sourceWeight(), d.targetWeight(), d.sharedUserBias(), d.share(),
                d.sharedItemBias()));
    }

    @Test
    void zeroOrNoFactorsComponentLeavesTheConfig() {
        Emcdr.Config d = new Emcdr().defaultConfig();
        assertThat(ConfigOverrides.withFactors(d, 0)).isSameAs(d);
        Record bias = new BiasBaseline().defaultConfig();
        assertThat(ConfigOverrides.withFactors(bias, 5)).isSameAs(bias);
    }

    @Test
    void componentValidationRuns() {
        assertThatThrownBy(() -> ConfigOverrides.withFactors(new Cmf().defaultConfig(), -3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factors");
    }

    @Test
    void stackingComponentsGetTheOverride() {
        Registry r = Registry.load();
        Record mf = Components.configFor(r.strategy("target-only(biased-mf)"), 10);
        Record emcdr = Components.configFor(r.strategy("emcdr"), 10);
        assertThat(((org.rectransfer.algorithms.mf.BiasedMf.Config) mf).factors()).isEqualTo(10);
        assertThat(((Emcdr.Config) emcdr).factors()).isEqualTo(10);
        assertThat(((Emcdr.Config) Components.configFor(r.strategy("emcdr"), 0)).factors()).isEqualTo(20);
    }
}
