package org.rectransfer.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.provenance.Hashing;

/** Helpers for the tests on the real data sets. */
final class RealDataAssertions {
    private RealDataAssertions() {
    }

    /** Counts of ratings 1..5 at indices 1..5 (index 0: any other value). */
    static long[] histogram(InteractionMatrix m) {
        long[] h = new long[6];
        for (int p = 0; p < m.nnz(); p++) {
            float v = m.value(p);
            int r = Math.round(v);
            h[r == v && r >= 1 && r <= 5 ? r : 0]++;
        }
        return h;
    }

    /** The git blob id (SHA-1 of "blob LEN\0" + bytes) of a file, as {@code git hash-object} prints it. */
    static String gitBlobId(Path file) throws IOException, NoSuchAlgorithmException {
        byte[] bytes = Files.readAllBytes(file);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
        sha1.update(bytes);
        return Hashing.hex(sha1.digest());
    }

    static String sha256(Path file) throws IOException {
        return Hashing.sha256Hex(Files.readAllBytes(file));
    }
}
