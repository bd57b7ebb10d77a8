/** JMH benchmarks of the rating codec against Jackson databind. */
package io.recsys.ratings.benchmarks.codec;
