/**
 * Implementation of the schema module: the hand-written JSON reader and writer, and the rules for
 * secret property names and topic names that the other modules share. Not public API.
 */
package io.recsys.ratings.schema.internal;
