package org.rectransfer.core.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectransfer.core.split.SplitTesting.assertPartition;
import static org.rectransfer.core.split.SplitTesting.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;

/** What every {@link SplitSpec} and {@link TargetSplit} promise. */
class SplitSpecContractTest {

    private static final CrossDomainData DATA = data(11);

    private static List<SplitSpec> specs() {
        InteractionMatrix all = DATA.target().interactions();
        boolean[] even = new boolean[all.nnz()];
        for (int p = 0; p < even.length; p += 2) {
            even[p] = true;
        }
        boolean[] odd = new boolean[all.nnz()];
        for (int p = 1; p < odd.length; p += 2) {
            odd[p] = true;
        }
        return List.of(new RandomHoldout(0.2, 0.1), new PerUserHoldout(0.2, 0.1), new KFold(5, false, 0.1),
                new KFold(5, true, 0.1), new LeaveOneOut(LeaveOneOut.Mode.RANDOM, true),
                new LeaveOneOut(LeaveOneOut.Mode.LAST, false), new GlobalTemporal(0.2, 0.1), new PerUserTemporal(0.2, 0.1),
                new Predefined("halves", List.of(all.select(even), all.select(odd)), 0.1), new ColdStartUsers(0.5, 0.5),
                new ColdStartItems(0.3, 0.5), new SparseTarget(2, 0.5));
    }

    @Test
    void everySpecPartitionsAndHonoursTheFoldContract() {
        InteractionMatrix all = DATA.target().interactions();
        for (SplitSpec spec : specs()) {
            int k = spec.folds();
            assertThat(k).as(spec.describe()).isPositive();
            for (int f = 0; f < k; f++) {
                TargetSplit s = spec.split(DATA, new SplittableRandom(5), f);
                assertPartition(all, s);
                assertThat(s.fold()).isEqualTo(f);
                assertThat(s.spec()).isSameAs(spec);
            }
            assertThat(spec.split(DATA, new SplittableRandom(5)).fingerprint()).as(spec.describe())
                    .isEqualTo(spec.split(DATA, new SplittableRandom(5), 0).fingerprint());
            for (int bad : new int[] {-1, k}) {
                assertThatThrownBy(() -> spec.split(DATA, new SplittableRandom(5), bad)).as(spec.describe())
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fold must be in [0, " + k + ")");
            }
        }
    }

    @Test
    void descriptionsAreStableDistinctAndListTheParameters() {
        Set<String> seen = new HashSet<>();
        for (SplitSpec spec : specs()) {
            assertThat(spec.describe()).isEqualTo(spec.describe());
            assertThat(seen.add(spec.describe())).as(spec.describe()).isTrue();
        }
        assertThat(new PerUserHoldout(0.2, 0.1).describe()).isEqualTo("per-user-holdout(test=0.2,validation=0.1)");
        assertThat(new KFold(5, true, 0.1).describe()).isEqualTo("k-fold(k=5,byUser=true,validation=0.1)");
        assertThat(new LeaveOneOut(LeaveOneOut.Mode.LAST, true).describe()).isEqualTo("leave-one-out(mode=last,validation=true)");
        assertThat(new GlobalTemporal(0.2, 0.0).describe()).isEqualTo("global-temporal(test=0.2,validation=0.0)");
        assertThat(new PerUserTemporal(0.2, 0.1).describe()).isEqualTo("per-user-temporal(test=0.2,validation=0.1)");
        assertThat(new ColdStartItems(0.2, 0.5).describe()).isEqualTo("cold-start-items(fraction=0.2,validationShare=0.5)");
        assertThat(new SparseTarget(3, 0.5).describe()).isEqualTo("sparse-target(keepPerUser=3,validationShare=0.5)");
        // unchanged from before this change (stored runs refer to them)
        assertThat(new RandomHoldout(0.2, 0.1).describe()).isEqualTo("random-holdout(test=0.2,validation=0.1)");
        assertThat(new ColdStartUsers(0.5, 0.2).describe()).isEqualTo("cold-start-users(beta=0.5,validationShare=0.2)");
    }

    @Test
    void targetSplitKeepsTheOldConstructorAndFingerprint() {
        ColdStartUsers spec = new ColdStartUsers(0.5, 0.5);
        TargetSplit s = spec.split(DATA, new SplittableRandom(3));
        TargetSplit old = new TargetSplit(spec, s.train(), s.validation(), s.test(), s.coldValidationUsers(),
                s.coldTestUsers());
        assertThat(old.fold()).isZero();
        assertThat(old.coldValidationItems()).isEmpty();
        assertThat(old.coldTestItems()).isEmpty();
        // fold 0 hashes as before folds existed
        String legacy = Hashing.sha256Hex(spec.describe() + "|" + s.train().contentHash() + "|"
                + s.validation().contentHash() + "|" + s.test().contentHash());
        assertThat(old.fingerprint()).isEqualTo(legacy).isEqualTo(s.fingerprint());
        // the fold is part of the fingerprint
        KFold kfold = new KFold(3, false, 0);
        int[] none = new int[0];
        TargetSplit fold0 = new TargetSplit(kfold, s.train(), s.validation(), s.test(), none, none, 0, none, none);
        TargetSplit fold1 = new TargetSplit(kfold, s.train(), s.validation(), s.test(), none, none, 1, none, none);
        assertThat(fold1.fingerprint()).isNotEqualTo(fold0.fingerprint());
        assertThatThrownBy(() -> new TargetSplit(kfold, s.train(), s.validation(), s.test(), none, none, 3, none, none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fold must be in [0, 3)");
        assertThatThrownBy(() -> new TargetSplit(spec, s.train(), s.validation(), s.test(), none, none, 1, none, none))
                .hasMessageContaining("fold");
        assertThatThrownBy(() -> new TargetSplit(spec, s.train(), s.validation(), s.test(), none, none, 0, null, none))
                .hasMessageContaining("coldValidationItems");
    }
}
