/**
 * Descriptive statistics of loaded data ({@link org.rectransfer.datasets.stats.DatasetStatistics}), with a
 * Markdown rendering for dataset cards and reports.
 */
package org.rectransfer.datasets.stats;
