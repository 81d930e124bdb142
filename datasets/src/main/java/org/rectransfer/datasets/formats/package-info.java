/**
 * Loaders for the published file formats of standard recommendation data sets. Every loader is
 * an {@link org.rectransfer.datasets.formats.InteractionFormat} returning
 * {@link org.rectransfer.datasets.RawInteractions} (the type
 * {@link org.rectransfer.datasets.DelimitedLoader} returns too, so data of any format can be put
 * into a cross-domain data set by {@link org.rectransfer.datasets.CrossDomainAssembler}); formats a
 * {@link org.rectransfer.datasets.DelimitedFormat} can describe are parsed by
 * {@link org.rectransfer.datasets.DelimitedLoader} (and expose that format), the others
 * ({@code ::}-separated MovieLens, Netflix Prize, Book-Crossing's quoted CSV, Amazon JSON lines)
 * by small dedicated tokenizers with the same checks. Every malformed line is a
 * {@link org.rectransfer.datasets.DataFormatException} naming the file and line.
 */
package org.rectransfer.datasets.formats;
