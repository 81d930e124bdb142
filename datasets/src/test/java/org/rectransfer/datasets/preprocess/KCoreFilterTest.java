package org.rectransfer.datasets.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rectransfer.datasets.preprocess.PreprocessFixtures.itemsOf;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;

class KCoreFilterTest {

    private final CrossDomainData data = PreprocessFixtures.twoDomains();

    @Test
    void perDomainCoreIteratesToTheFixedPoint() {
        PreprocessStep.Result r = KCoreFilter.of(KCoreFilter.Scope.PER_DOMAIN, 2).apply(data);
        CrossDomainData out = r.data();
        DomainData a = out.sources().get(0);
        // round 1 removes users 3 and 4 from A; round 2 then removes a3 (only user 5 left on it)
        assertThat(out.users().size()).isEqualTo(5); // every user survives in some domain
        assertThat(a.items().size()).isEqualTo(2);
        assertThat(a.items().rawId(0)).isEqualTo("a1");
        assertThat(itemsOf(out, a, "1")).containsExactly("a1", "a2");
        assertThat(itemsOf(out, a, "3")).isEmpty();
        assertThat(itemsOf(out, a, "5")).containsExactly("a1", "a2");
        assertThat(out.target().interactions().nnz()).isEqualTo(8); // B is already a 2-core

        StepReport.DomainCounts ca = r.report().domain("A");
        assertThat(ca.interactionsBefore()).isEqualTo(9);
        assertThat(ca.interactionsAfter()).isEqualTo(6);
        assertThat(ca.removedUsers()).isEqualTo(2);
        assertThat(ca.removedItems()).isEqualTo(1);
        assertThat(r.report().domain("B").removedInteractions()).isZero();
        assertThat(r.report().removedInteractions()).isEqualTo(3);
        assertThat(r.report().removedUsers()).isZero();
        assertThat(r.report().notes()).containsExactly("converged after 3 round(s)");
        assertThat(r.report().step()).isEqualTo("k-core(scope=PER_DOMAIN,userK=2,itemK=2)");
    }

    @Test
    void jointCoreKeepsOnlyUsersSatisfyingEveryDomain() {
        PreprocessStep.Result r = KCoreFilter.of(KCoreFilter.Scope.JOINT, 2).apply(data);
        CrossDomainData out = r.data();
        // user 2 is absent from B, users 3 and 4 have one A interaction: only 1 and 5 remain
        assertThat(out.users().size()).isEqualTo(2);
        assertThat(out.users().rawId(0)).isEqualTo("1");
        assertThat(out.users().rawId(1)).isEqualTo("5");
        DomainData a = out.sources().get(0);
        assertThat(itemsOf(out, a, "5")).containsExactly("a1", "a2"); // a3 lost user 4, then fell below 2
        assertThat(a.interactions().nnz()).isEqualTo(4);
        assertThat(out.target().interactions().nnz()).isEqualTo(4);
        assertThat(out.overlappingUsers()).containsExactly(0, 1);
        assertThat(r.report().usersBefore()).isEqualTo(5);
        assertThat(r.report().usersAfter()).isEqualTo(2);
        assertThat(r.report().domain("A").removedInteractions()).isEqualTo(5);
        assertThat(r.report().domain("B").removedInteractions()).isEqualTo(4);
        assertThat(r.report().domain("B").removedUsers()).isEqualTo(2);
        // values and timestamps travel with their entries
        InteractionMatrix t = out.target().interactions();
        assertThat(t.value(t.rowStart(1) + 1)).isEqualTo(2f);
        assertThat(t.timestamp(t.rowStart(1) + 1)).isEqualTo(401L); // user index 4 in the input, item b2
    }

    @Test
    void separateUserAndItemThresholds() {
        // itemK = 4 removes a2 (3 users), a3 (2), b-items stay (4 users each); userK = 1
        CrossDomainData out = new KCoreFilter(KCoreFilter.Scope.PER_DOMAIN, 1, 4).apply(data).data();
        assertThat(out.sources().get(0).items().size()).isEqualTo(1);
        assertThat(out.sources().get(0).interactions().nnz()).isEqualTo(4);
        assertThat(out.target().interactions().nnz()).isEqualTo(8);
    }

    @Test
    void fingerprintStampsInputAndDescription() {
        KCoreFilter step = KCoreFilter.of(KCoreFilter.Scope.JOINT, 2);
        CrossDomainData out = step.apply(data).data();
        assertThat(out.target().fingerprint()).isEqualTo(Hashing.sha256Hex("preprocess|input:" + data.fingerprint()
                + "|step:k-core(scope=JOINT,userK=2,itemK=2)|domain:B"));
        assertThat(step.apply(data).data().fingerprint()).isEqualTo(out.fingerprint());
        assertThat(KCoreFilter.of(KCoreFilter.Scope.PER_DOMAIN, 2).apply(data).data().fingerprint())
                .isNotEqualTo(out.fingerprint());
    }

    @Test
    void kOneOnlyCompacts() {
        PreprocessStep.Result r = KCoreFilter.of(KCoreFilter.Scope.PER_DOMAIN, 1).apply(data);
        assertThat(r.report().removedInteractions()).isZero();
        assertThat(r.data().target().interactions().contentHash()).isEqualTo(data.target().interactions().contentHash());
    }

    @Test
    void invalidParametersAreRefused() {
        assertThatThrownBy(() -> new KCoreFilter(KCoreFilter.Scope.JOINT, 0, 1)).hasMessageContaining("userK");
        assertThatThrownBy(() -> new KCoreFilter(KCoreFilter.Scope.JOINT, 1, 0)).hasMessageContaining("itemK");
        assertThatThrownBy(() -> new KCoreFilter(null, 1, 1)).hasMessageContaining("scope");
    }
}
