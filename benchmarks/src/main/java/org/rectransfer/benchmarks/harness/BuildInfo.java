package org.rectransfer.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.rectransfer.core.provenance.RunRecord;

/**
 * Build and machine facts for provenance: the project version, and the git commit and dirty
 * flag of the <b>code that runs</b>. Both come from the filtered resource
 * {@code rectransfer-build.properties}, written at build time (git-commit-id-maven-plugin), so a
 * jar built at one commit and run while the working tree has moved on records the commit it was
 * built from. Only when the build recorded no commit (built without git) does it fall back to
 * the working directory's repository at run time ({@code unknown} without git).
 */
public record BuildInfo(String version, String gitCommit, boolean gitDirty) {

    /** Detects the facts for the repository containing {@code workDir}. */
    public static BuildInfo detect(Path workDir) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/rectransfer-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            p.clear();
        }
        String version = p.getProperty("version", "unknown");
        String builtFrom = p.getProperty("gitCommit", "");
        if (builtFrom.matches("[0-9a-f]{40}")) {
            return new BuildInfo(version, builtFrom, Boolean.parseBoolean(p.getProperty("gitDirty", "true")));
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
