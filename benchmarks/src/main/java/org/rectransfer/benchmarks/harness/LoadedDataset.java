package org.rectransfer.benchmarks.harness;

import java.util.Map;

import org.rectransfer.core.data.CrossDomainData;

/**
 * A dataset ready for an experiment.
 *
 * @param data         shared users, sources and the full target domain
 * @param fingerprints provenance by name ({@code source:NAME}, {@code target:NAME}, {@code raw:FILE})
 * @param predefined   the dataset's own test folds for the {@code predefined} split, or {@code null}
 */
public record LoadedDataset(CrossDomainData data, Map<String, String> fingerprints,
                            SplitFactory.PredefinedFolds predefined) {
    public LoadedDataset {
        fingerprints = Map.copyOf(fingerprints);
    }

    /** A dataset without predefined folds. */
    public LoadedDataset(CrossDomainData data, Map<String, String> fingerprints) {
        this(data, fingerprints, null);
    }
}
