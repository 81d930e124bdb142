/**
 * Seeded synthetic cross-domain data with a known degree of relatedness between the domains
 * ({@link org.rectransfer.datasets.synthetic.SyntheticCrossDomain}).
 */
package org.rectransfer.datasets.synthetic;
