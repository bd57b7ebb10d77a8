/** Spark functions and plumbing behind the public jobs; not API. */
package io.recsys.ratings.spark.internal;
