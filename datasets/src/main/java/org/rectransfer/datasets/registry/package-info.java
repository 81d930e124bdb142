/**
 * Dataset cards ({@link org.rectransfer.datasets.registry.DatasetCard}, listed by
 * {@link org.rectransfer.datasets.registry.DatasetRegistry}) and the verifying downloader with its
 * local cache ({@link org.rectransfer.datasets.registry.DatasetDownloader}). Checksums appear in a
 * card only when computed from a file we hold; files without one are refused unless explicitly
 * allowed.
 */
package org.rectransfer.datasets.registry;
