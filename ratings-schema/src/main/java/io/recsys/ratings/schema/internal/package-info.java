/** Implementation of the schema module: the hand-written JSON reader and writer. Not public API. */
package io.recsys.ratings.schema.internal;
