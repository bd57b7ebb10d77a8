package io.recsys.ratings.cli;

import java.util.Map;

/**
 * What {@code /health} shows: a seam, so that a richer consumer health can replace the basic one.
 */
interface HealthSource {

  /** Whether the consumer is up: {@code /health} answers 200, else 503. */
  boolean up();

  /** The details shown as JSON next to {@code "status"}, in a stable order. */
  Map<String, Object> details();
}
