/**
 * Optional Jackson support: {@link io.recsys.ratings.schema.jackson.RatingJacksonModule} lets an
 * {@code ObjectMapper} read and write rating events in the wire format of {@link
 * io.recsys.ratings.schema.RatingCodec}. Needs jackson-databind on the class path, which the schema
 * module declares optional: nothing else in the module loads Jackson.
 */
package io.recsys.ratings.schema.jackson;
