package io.recsys.ratings.cli;

/** How a command prints its final summary. */
enum OutputFormat {
  /** Tables and charts for humans. */
  text,
  /** One JSON object on stdout, nothing else on stdout. */
  json
}
