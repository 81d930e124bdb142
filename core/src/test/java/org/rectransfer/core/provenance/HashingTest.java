package org.rectransfer.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HashingTest {

    @Test
    void knownVectors() {
        // FIPS 180-2 test vector: SHA-256("abc")
        assertThat(Hashing.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Hashing.sha256Hex(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // first 8 bytes of SHA-256("abc"), big-endian
        assertThat(Hashing.sha256Long("abc")).isEqualTo(0xba7816bf8f01cfeaL);
        assertThat(Hashing.hex(new byte[] {0, (byte) 0xff, 0x10, (byte) 0xa5})).isEqualTo("00ff10a5");
    }

    @Test
    void runRecordSortsItsMaps() {
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("rmse", 1.0);
        metrics.put("mae", 0.5);
        metrics.put("ndcg@10", 0.1);
        RunRecord r = new RunRecord(RunRecord.SCHEMA, "e", "key", "d", null, "s", "sf", "p", "label", "id", "NONE", "{}",
                "sha", "{}", 1, 0, null, null, metrics, null, null, null, null, 0, null);
        assertThat(r.metrics().keySet()).containsExactly("mae", "ndcg@10", "rmse");
        assertThat(r.counts()).isEmpty();
        assertThat(r.datasetFingerprints()).isEmpty();
    }
}
