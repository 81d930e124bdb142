package org.rectransfer.benchmarks.harness;

import java.util.Map;

import org.rectransfer.core.data.CrossDomainData;

/**
 * A dataset ready for an experiment.
 *
 * @param data         shared users, sources and the full target domain
 * @param fingerprints provenance by name ({@code source:NAME}, {@code target:NAME}, {@code raw:FILE})
 */
public record LoadedDataset(CrossDomainData data, Map<String, String> fingerprints) {
    public LoadedDataset {
        fingerprints = Map.copyOf(fingerprints);
    }
}
