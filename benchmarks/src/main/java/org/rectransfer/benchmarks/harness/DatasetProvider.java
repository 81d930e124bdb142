package org.rectransfer.benchmarks.harness;

/** Turns a dataset entry of an experiment config into data. */
@FunctionalInterface
public interface DatasetProvider {
    /** Loads or generates the dataset; errors name the dataset label and what was wrong. */
    LoadedDataset load(ExperimentConfig.DatasetSpec spec);
}
