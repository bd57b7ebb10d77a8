/**
 * The rating event shared by every part of the SDK, its validator, its compact JSON codec, the
 * MovieLens {@code ratings.csv} reader/writer and the JSON Schema of the wire format; the
 * recommendation event with its validator, codec and schema; and the metrics event. Needs nothing
 * but the JDK.
 */
package io.recsys.ratings.schema;
