package org.rectransfer.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.rectransfer.core.provenance.RunRecord;

/**
 * Build and machine facts for provenance: the project version (from the filtered resource
 * {@code rectransfer-build.properties}), and the git commit and dirty flag of the working
 * directory's repository when git is available ({@code unknown} otherwise).
 */
public record BuildInfo(String version, String gitCommit, boolean gitDirty) {

    /** Detects the facts for the repository containing {@code workDir}. */
    public static BuildInfo detect(Path workDir) {
        String version = "unknown";
        try (InputStream in = BuildInfo.class.getResourceAsStream("/rectransfer-build.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                version = p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            version = "unknown";
        }
        String commit = git(workDir, "rev-parse", "HEAD");
        String status = git(workDir, "status", "--porcelain", "--untracked-files=no");
        return new BuildInfo(version, commit == null ? "unknown" : commit.trim(), status != null && !status.isBlank());
    }

    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Environment facts for a record. */
    public RunRecord.EnvironmentInfo environment(int threads, String startedAt) {
        return new RunRecord.EnvironmentInfo(gitCommit, gitDirty, version,
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), threads, startedAt);
    }
}
