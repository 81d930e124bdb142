package org.rectransfer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rectransfer.core.spi.TransferTask;

class CrossDomainDataTest {

    private static final IdIndex USERS = IdIndex.of("1", "2", "3", "4");
    private static final IdIndex ITEMS = IdIndex.of("a", "b");

    private static DomainData domain(String name, int... rowsWithData) {
        InteractionMatrix.Builder b = InteractionMatrix.builder(4, 2, true, false);
        for (int u : rowsWithData) {
            b.add(u, u % 2, 3f);
        }
        InteractionMatrix m = b.build(DuplicatePolicy.ERROR);
        return new DomainData(name, ITEMS, m, DomainData.contentFingerprint(USERS, ITEMS, m));
    }

    @Test
    void overlappingUsersHaveTargetDataAndDataInSomeSource() {
        // target: users 0, 1, 3; source A: 1; source B: 3, 2 -> overlap {1, 3}
        CrossDomainData d = new CrossDomainData(USERS, List.of(domain("A", 1), domain("B", 3, 2)), domain("T", 0, 1, 3));
        assertThat(d.overlappingUsers()).containsExactly(1, 3);
        assertThat(new CrossDomainData(USERS, List.of(), domain("T", 0)).overlappingUsers()).isEmpty();
    }

    @Test
    void fingerprintDependsOnContentAndNames() {
        CrossDomainData a = new CrossDomainData(USERS, List.of(domain("A", 1)), domain("T", 0, 1));
        CrossDomainData same = new CrossDomainData(USERS, List.of(domain("A", 1)), domain("T", 0, 1));
        assertThat(a.fingerprint()).isEqualTo(same.fingerprint());
        assertThat(new CrossDomainData(USERS, List.of(domain("A", 1)), domain("T", 0, 2)).fingerprint())
                .isNotEqualTo(a.fingerprint());
        assertThat(new CrossDomainData(USERS, List.of(domain("A2", 1)), domain("T", 0, 1)).fingerprint())
                .isNotEqualTo(a.fingerprint());
        assertThat(DomainData.contentFingerprint(USERS, ITEMS, InteractionMatrix.empty(4, 2, true)))
                .isNotEqualTo(DomainData.contentFingerprint(USERS, ITEMS, InteractionMatrix.empty(4, 2, false)));
    }

    @Test
    void shapesAreChecked() {
        InteractionMatrix threeRows = InteractionMatrix.empty(3, 2, true);
        DomainData small = new DomainData("S", ITEMS, threeRows, "x");
        assertThatThrownBy(() -> new CrossDomainData(USERS, List.of(small), domain("T", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'S'");
        assertThatThrownBy(() -> new CrossDomainData(USERS, List.of(), small)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DomainData("X", ITEMS, InteractionMatrix.empty(4, 3, true), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransferTask(USERS, List.of(), "T", ITEMS, threeRows))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransferTask(USERS, List.of(small), "T", ITEMS, InteractionMatrix.empty(4, 2, true)))
                .isInstanceOf(IllegalArgumentException.class);
        TransferTask ok = new TransferTask(USERS, List.of(domain("A", 1)), "T", ITEMS, InteractionMatrix.empty(4, 2, true));
        assertThat(ok.numUsers()).isEqualTo(4);
        assertThat(ok.numTargetItems()).isEqualTo(2);
    }

    @Test
    void withInteractionsKeepsNameAndItems() {
        DomainData d = domain("A", 1);
        InteractionMatrix m = InteractionMatrix.empty(4, 2, true);
        DomainData e = d.withInteractions(m, "fp");
        assertThat(e.name()).isEqualTo("A");
        assertThat(e.items()).isSameAs(ITEMS);
        assertThat(e.interactions()).isSameAs(m);
        assertThat(e.fingerprint()).isEqualTo("fp");
    }
}
