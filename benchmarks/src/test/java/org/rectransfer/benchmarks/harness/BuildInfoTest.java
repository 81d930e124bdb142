package org.rectransfer.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provenance names the commit the code was built from, not whatever the run's directory holds. */
class BuildInfoTest {

    @Test
    void commitComesFromTheBuildNotFromTheWorkingDirectory(@TempDir Path notARepository) throws Exception {
        BuildInfo info = BuildInfo.detect(notARepository);
        assertThat(info.gitCommit()).matches("[0-9a-f]{40}");
        assertThat(info.version()).isNotEqualTo("unknown");
        // The build and this test run from the same checkout: the recorded commit is its HEAD.
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (git.waitFor() == 0) {
            assertThat(info.gitCommit()).isEqualTo(head);
        }
    }
}
