/**
 * Reading interaction data: {@link org.rectransfer.datasets.DelimitedLoader} parses delimited
 * files (described by a {@link org.rectransfer.datasets.DelimitedFormat}) into
 * {@link org.rectransfer.datasets.RawInteractions}, the one type of loaded rows (the loaders of
 * {@link org.rectransfer.datasets.formats} return it too); {@link org.rectransfer.datasets.CrossDomainAssembler}
 * puts several domains over one shared user index; readers for the real data sets
 * ({@link org.rectransfer.datasets.DoubanGadtcdr}, {@link org.rectransfer.datasets.AmazonMusicMovieNeuCdcf})
 * find them through {@link org.rectransfer.datasets.DatasetLocator}. Malformed input is always a
 * {@link org.rectransfer.datasets.DataFormatException} naming the file and line; nothing is
 * dropped silently.
 */
package org.rectransfer.datasets;
