package org.rectransfer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The module rules of DESIGN.md, checked on the main sources: core depends on no other module;
 * reports never on algorithms or datasets; algorithms read no file, environment variable or
 * system property; no library code uses ambient randomness or prints to the console (the CLI
 * package excepted).
 */
class ArchitectureTest {
    private static final Path ROOT = locateRoot();

    private static Path locateRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("core").resolve("pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the project root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    private static List<String> violations(String module, Pattern forbidden, String excludedPathPart) throws IOException {
        Path src = ROOT.resolve(module).resolve("src/main/java");
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                if (excludedPathPart != null && f.toString().contains(excludedPathPart)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (forbidden.matcher(lines.get(i)).find()) {
                        out.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void coreDependsOnNoOtherModule() throws IOException {
        assertThat(violations("core", Pattern.compile("import\\s+(static\\s+)?org\\.rectransfer\\.(?!core\\b)"), null))
                .isEmpty();
        assertThat(Files.readString(ROOT.resolve("core/pom.xml"))).doesNotContain("<dependency>");
    }

    @Test
    void reportsDependOnCoreOnly() throws IOException {
        assertThat(violations("reports",
                Pattern.compile("import\\s+(static\\s+)?org\\.rectransfer\\.(algorithms|datasets|benchmarks)\\b"), null))
                .isEmpty();
    }

    @Test
    void algorithmsReadNoFilesEnvironmentOrProperties() throws IOException {
        assertThat(violations("algorithms", Pattern.compile(
                "java\\.nio\\.file|java\\.io\\.File|System\\.getenv|System\\.getProperty|org\\.rectransfer\\.(datasets|benchmarks|reports)\\b"),
                null)).isEmpty();
    }

    @Test
    void noAmbientRandomnessOrConsoleOutputInLibraryCode() throws IOException {
        Pattern random = Pattern.compile("new\\s+(java\\.util\\.)?Random\\(|Math\\.random\\(|ThreadLocalRandom");
        Pattern console = Pattern.compile("System\\.(out|err)\\.print");
        for (String module : List.of("core", "algorithms", "datasets", "reports", "benchmarks")) {
            assertThat(violations(module, random, null)).as(module).isEmpty();
            assertThat(violations(module, console, "/cli/")).as(module).isEmpty();
        }
    }
}
