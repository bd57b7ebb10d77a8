package io.recsys.ratings.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A real JSON Schema validator (networknt, draft 2020-12) over a shipped schema: the reference the
 * schema agreement tests hold the codecs to. Numbers are read exactly (BigDecimal, so {@code
 * multipleOf 0.5} is decided on the written decimal) and trailing content is refused, as the codecs
 * do.
 */
final class SchemaOracle {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final JsonSchema schema;

  /**
   * @param schemaDocument the schema; closed here
   */
  SchemaOracle(InputStream schemaDocument) {
    try (InputStream in = schemaDocument) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the schema accepts the document; text that is not JSON is not valid either. */
  boolean accepts(byte[] json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (IOException notJson) {
      return false;
    }
    if (node == null) {
      return false; // empty input
    }
    return schema.validate(node).isEmpty();
  }
}
