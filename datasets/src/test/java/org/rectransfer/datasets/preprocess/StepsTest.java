package org.rectransfer.datasets.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectransfer.datasets.preprocess.PreprocessFixtures.itemsOf;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.synthetic.SyntheticConfig;
import org.rectransfer.datasets.synthetic.SyntheticCrossDomain;

/** Rating threshold, minimum overlap, user sampling and pipelines. */
class StepsTest {

    private final CrossDomainData data = PreprocessFixtures.twoDomains();

    @Test
    void ratingThresholdKeepsPositivesAsImplicitAndDropsTheRest() {
        // values are 1 + item index: a1 = 1, a2 = 2, a3 = 3; b1 = 1, b2 = 2
        PreprocessStep.Result r = new RatingThreshold(2).apply(data);
        CrossDomainData out = r.data();
        DomainData a = out.sources().get(0);
        assertThat(a.interactions().isExplicit()).isFalse();
        assertThat(a.interactions().hasTimestamps()).isTrue();
        assertThat(a.items().size()).isEqualTo(2); // a1 had only rating 1
        assertThat(itemsOf(out, a, "5")).containsExactly("a2", "a3");
        assertThat(out.target().interactions().nnz()).isEqualTo(4); // the b2 entries
        assertThat(out.users().size()).isEqualTo(5);
        assertThat(r.report().domain("A").removedInteractions()).isEqualTo(4);
        assertThat(r.report().domain("B").removedInteractions()).isEqualTo(4);
        assertThat(r.report().domain("B").removedItems()).isEqualTo(1);
        assertThat(r.report().step()).isEqualTo("rating-threshold(min=2.0,below=drop)");

        // an implicit domain passes unchanged, with a note
        PreprocessStep.Result again = new RatingThreshold(2).apply(out);
        assertThat(again.report().removedInteractions()).isZero();
        assertThat(again.report().notes()).hasSize(2).allMatch(n -> n.contains("already implicit"));
        assertThatThrownBy(() -> new RatingThreshold(Double.NaN)).hasMessageContaining("threshold");
    }

    @Test
    void minimumOverlapKeepsUsersInEnoughDomains() {
        PreprocessStep.Result r = new MinimumOverlap(2, 3).apply(data);
        CrossDomainData out = r.data();
        // user 2 is only in A
        assertThat(out.users().size()).isEqualTo(4);
        assertThat(out.users().indexOf("2")).isEqualTo(-1);
        assertThat(out.overlappingUsers()).hasSize(4);
        assertThat(r.report().domain("A").removedInteractions()).isEqualTo(2);
        assertThat(r.report().domain("B").removedInteractions()).isZero();
        assertThat(r.report().removedUsers()).isEqualTo(1);

        assertThat(new MinimumOverlap(1, 0).apply(data).report().removedInteractions()).isZero();
        assertThatThrownBy(() -> new MinimumOverlap(2, 5).apply(data))
                .isInstanceOfSatisfying(InsufficientOverlapException.class, e -> {
                    assertThat(e.found()).isEqualTo(4);
                    assertThat(e.required()).isEqualTo(5);
                });
        assertThatThrownBy(() -> new MinimumOverlap(3, 0).apply(data)).hasMessageContaining("only 2 domain");
        assertThatThrownBy(() -> new MinimumOverlap(0, 0)).hasMessageContaining("minDomains");
    }

    @Test
    void userSampleIsSeededNestedAndReported() {
        CrossDomainData big = SyntheticCrossDomain.generate(SyntheticConfig.defaults().withSize(1000, 200, 150)
                .withOverlapFraction(0.5).withRatingsPerUser(5, 4)).data();
        PreprocessStep.Result s100 = UserSample.ofCount(100, 7).apply(big);
        PreprocessStep.Result s100again = UserSample.ofCount(100, 7).apply(big);
        PreprocessStep.Result s200 = UserSample.ofCount(200, 7).apply(big);
        PreprocessStep.Result other = UserSample.ofCount(100, 8).apply(big);
        assertThat(s100.data().users().size()).isEqualTo(100);
        assertThat(s100again.data().fingerprint()).isEqualTo(s100.data().fingerprint());
        assertThat(other.data().users()).isNotEqualTo(s100.data().users());
        for (int u = 0; u < 100; u++) {
            String id = s100.data().users().rawId(u);
            assertThat(s200.data().users().contains(id)).as("nested: %s", id).isTrue();
            // a sampled user keeps all its entries
            int old = big.users().require(id);
            assertThat(s100.data().target().interactions().rowSize(u)).isEqualTo(big.target().interactions().rowSize(old));
        }
        // fraction 0.1 of 1000 present users = the 100 smallest keys
        PreprocessStep.Result f = UserSample.ofFraction(0.1, 7).apply(big);
        assertThat(f.data().users()).isEqualTo(s100.data().users());
        StepReport rep = s100.report();
        assertThat(rep.usersBefore()).isEqualTo(1000);
        assertThat(rep.usersAfter()).isEqualTo(100);
        long before = big.target().interactions().nnz() + big.sources().get(0).interactions().nnz();
        long after = s100.data().target().interactions().nnz() + s100.data().sources().get(0).interactions().nnz();
        assertThat(rep.removedInteractions()).isEqualTo(before - after);
        assertThat(rep.notes()).containsExactly("100 of 1000 present user(s) sampled");

        PreprocessStep.Result all = UserSample.ofCount(5000, 1).apply(big);
        assertThat(all.report().removedInteractions()).isZero();
        assertThat(all.report().notes().get(0)).contains("only 1000 present");
        assertThatThrownBy(() -> new UserSample(10, 0.5, 1)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> UserSample.ofFraction(1.5, 1)).hasMessageContaining("fraction");
        assertThatThrownBy(() -> UserSample.ofCount(-1, 1)).hasMessageContaining("count");
    }

    @Test
    void pipelineEqualsStepsOneAfterAnother() {
        Pipeline p = Pipeline.of(new MinimumOverlap(2, 0), KCoreFilter.of(KCoreFilter.Scope.JOINT, 2),
                new RatingThreshold(2));
        Pipeline.Result r = p.apply(data);
        CrossDomainData manual = new RatingThreshold(2).apply(KCoreFilter.of(KCoreFilter.Scope.JOINT, 2)
                .apply(new MinimumOverlap(2, 0).apply(data).data()).data()).data();
        assertThat(r.data().fingerprint()).isEqualTo(manual.fingerprint());
        assertThat(r.reports()).hasSize(3);
        assertThat(r.reports()).extracting(StepReport::step).containsExactlyElementsOf(p.describe());
        assertThat(p.describe()).containsExactly("min-overlap(minDomains=2,minOverlappingUsers=0)",
                "k-core(scope=JOINT,userK=2,itemK=2)", "rating-threshold(min=2.0,below=drop)");
        // order matters for the fingerprint
        Pipeline swapped = Pipeline.of(KCoreFilter.of(KCoreFilter.Scope.JOINT, 2), new MinimumOverlap(2, 0),
                new RatingThreshold(2));
        assertThat(swapped.apply(data).data().fingerprint()).isNotEqualTo(r.data().fingerprint());
        assertThat(Pipeline.of().apply(data).data()).isSameAs(data);
    }

    @Test
    void singleDomainPipeline() {
        IdIndex users = data.users();
        DomainData a = data.sources().get(0);
        Pipeline.Result r = Pipeline.of(KCoreFilter.of(KCoreFilter.Scope.PER_DOMAIN, 2)).applyToDomain(users, a);
        InteractionMatrix m = r.data().target().interactions();
        assertThat(r.data().sources()).isEmpty();
        assertThat(r.data().users().size()).isEqualTo(3); // users 1, 2, 5
        assertThat(m.nnz()).isEqualTo(6);
        assertThat(r.reports().get(0).domain("A").removedInteractions()).isEqualTo(3);
        assertThat(r.reports().get(0).removedUsers()).isEqualTo(2);
        assertThat(List.of(r.data().users().rawId(0), r.data().users().rawId(2))).containsExactly("1", "5");
    }
}
