package io.recsys.ratings.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code dlq replay} stores with each committed dead-letter offset (the commit's metadata):
 * the filters it ran with and whether records past the offset may already have been sent. Before it
 * sends a batch, the replay commits the batch's start offset as {@code pending}, with the end
 * offsets of every partition of the target topics at that moment; after the batch is acknowledged
 * it commits the offset after it as {@code done}. A replay that finds a {@code pending} checkpoint
 * (the previous one died in between) reads the target partitions from those offsets and skips the
 * dead letters it finds there (by the origin header), so each is moved back exactly once.
 *
 * <p>Encoded as {@code ratings-dlq-replay v1;state=pending;targets=ratings:10,12,9/other:0;
 * filters=kind=* ...}; filters last, as they may hold any text.
 *
 * @param filters the {@link ReplayFilter#storedSignature()} of the run
 * @param pending whether records past the offset may have been sent
 * @param targets for {@code pending}: per target topic, the end offset of each partition (by
 *     partition number) before the batch was sent
 */
record ReplayCheckpoint(String filters, boolean pending, Map<String, List<Long>> targets) {

  static final String PREFIX = "ratings-dlq-replay v1";

  /** The offset metadata Kafka keeps by default at most ({@code offset.metadata.max.bytes}). */
  static final int MAX_METADATA = 4096;

  ReplayCheckpoint {
    targets = Map.copyOf(targets);
  }

  static ReplayCheckpoint done(String filters) {
    return new ReplayCheckpoint(filters, false, Map.of());
  }

  String encode() {
    StringBuilder out = new StringBuilder(PREFIX).append(";state=");
    out.append(pending ? "pending" : "done").append(";targets=");
    boolean first = true;
    for (Map.Entry<String, List<Long>> e : new java.util.TreeMap<>(targets).entrySet()) {
      out.append(first ? "" : "/").append(e.getKey()).append(':');
      first = false;
      for (int i = 0; i < e.getValue().size(); i++) {
        out.append(i == 0 ? "" : ",").append(e.getValue().get(i));
      }
    }
    out.append(";filters=").append(filters);
    int bytes = out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > MAX_METADATA) {
      throw new CliException(
          ExitCodes.FAILED,
          "too many target partitions to record a replay checkpoint ("
              + bytes
              + " bytes of offset metadata, Kafka keeps "
              + MAX_METADATA
              + "); replay to fewer topics at a time with --to");
    }
    return out.toString();
  }

  /**
   * The checkpoint in a commit's metadata.
   *
   * @return empty if there is no metadata; a checkpoint if it is one of ours
   * @throws IllegalArgumentException if the metadata is someone else's (not a replay checkpoint)
   */
  static Optional<ReplayCheckpoint> decode(String metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = metadata.split(";", 4);
    if (parts.length != 4
        || !parts[0].equals(PREFIX)
        || !parts[1].startsWith("state=")
        || !parts[2].startsWith("targets=")
        || !parts[3].startsWith("filters=")) {
      throw new IllegalArgumentException("not a dlq replay checkpoint: " + metadata);
    }
    boolean pending = parts[1].equals("state=pending");
    Map<String, List<Long>> targets = new LinkedHashMap<>();
    String list = parts[2].substring("targets=".length());
    if (!list.isEmpty()) {
      for (String topic : list.split("/")) {
        int colon = topic.lastIndexOf(':');
        List<Long> offsets = new ArrayList<>();
        for (String o : topic.substring(colon + 1).split(",")) {
          offsets.add(Long.parseLong(o));
        }
        targets.put(topic.substring(0, colon), offsets);
      }
    }
    return Optional.of(
        new ReplayCheckpoint(parts[3].substring("filters=".length()), pending, targets));
  }
}
