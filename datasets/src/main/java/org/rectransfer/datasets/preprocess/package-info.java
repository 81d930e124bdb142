/**
 * Preprocessing of loaded data: validated, describable {@link org.rectransfer.datasets.preprocess.PreprocessStep}s
 * (k-core, rating threshold, minimum overlap, user sampling) chained by a
 * {@link org.rectransfer.datasets.preprocess.Pipeline}, and duplicate resolution on raw rows
 * ({@link org.rectransfer.datasets.preprocess.DuplicateResolution}). Every step reports what it removed
 * ({@link org.rectransfer.datasets.preprocess.StepReport}) and stamps its description into the output fingerprints.
 */
package org.rectransfer.datasets.preprocess;
