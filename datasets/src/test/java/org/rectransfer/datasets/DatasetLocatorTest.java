package org.rectransfer.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {

    @TempDir
    Path tmp;

    @Test
    void precedenceExplicitThenDefaultThenRelativeFallback() throws IOException {
        Path explicit = Files.createDirectories(tmp.resolve("explicit"));
        Path dflt = Files.createDirectories(tmp.resolve("default"));
        Path work = Files.createDirectories(tmp.resolve("checkout/main"));
        Path fallback = Files.createDirectories(tmp.resolve("checkout/shared/datasets"));
        Map<String, String> both = Map.of(DatasetLocator.ENV, explicit.toString(),
                DatasetLocator.ENV_DEFAULT, dflt.toString());
        assertThat(DatasetLocator.root(both::get, work)).isEqualTo(explicit);
        assertThat(DatasetLocator.root(Map.of(DatasetLocator.ENV_DEFAULT, dflt.toString())::get, work)).isEqualTo(dflt);
        assertThat(DatasetLocator.root(Map.of(DatasetLocator.ENV, " ")::get, work)).isEqualTo(fallback);
        assertThat(DatasetLocator.root(Map.<String, String>of()::get, work)).isEqualTo(fallback);
    }

    @Test
    void missingDirectoryNamesWhatWasTriedAndTheVariable() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> DatasetLocator.root(Map.of(DatasetLocator.ENV, missing.toString())::get, tmp))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("environment variable RECTRANSFER_DATASETS")
                .hasMessageContaining("set RECTRANSFER_DATASETS");
        assertThatThrownBy(() -> DatasetLocator.root(Map.<String, String>of()::get, tmp))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(tmp.resolve("../shared/datasets").normalize().toString())
                .hasMessageContaining("are not set");
    }

    @Test
    void buildProvidesTheRealDatasetRoot() throws IOException {
        Path root = DatasetLocator.root();
        assertThat(root.resolve(DoubanGadtcdr.DIRECTORY).resolve("PROVENANCE.md")).isRegularFile();
        assertThat(DatasetLocator.dataset(AmazonMusicMovieNeuCdcf.DIRECTORY)).isDirectory();
        assertThatThrownBy(() -> DatasetLocator.dataset("no-such-set")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no-such-set");
    }
}
