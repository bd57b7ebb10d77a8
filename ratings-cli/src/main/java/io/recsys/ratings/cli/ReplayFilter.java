package io.recsys.ratings.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which dead letters a replay takes and where they go: kinds, a reason substring, a time window on
 * the record timestamp (since inclusive, until exclusive), the target override and the replay
 * limit. {@link #signature()} names the choice as given on the command line; a consumer group keeps
 * it with its offsets so that a replay with other choices cannot silently reuse them.
 *
 * @param kinds the kinds to take, upper case; empty for all
 * @param reasonContains a text the reason must contain (case-insensitive), or null
 * @param since the earliest record time, or null
 * @param until the record time to stop before, or null
 * @param sinceText {@code since} as given (part of the signature), or null
 * @param untilText {@code until} as given, or null
 * @param to the target topic for every record, or null for each record's source topic
 * @param maxReplays dead letters replayed this often before are refused
 */
record ReplayFilter(
    Set<String> kinds,
    String reasonContains,
    Instant since,
    Instant until,
    String sinceText,
    String untilText,
    String to,
    int maxReplays) {

  /** Longest signature stored as text in the group's offset metadata; longer ones are hashed. */
  static final int MAX_STORED_SIGNATURE = 600;

  ReplayFilter {
    TreeSet<String> upper = new TreeSet<>();
    kinds.forEach(k -> upper.add(k.strip().toUpperCase(Locale.ROOT)));
    kinds = Set.copyOf(upper);
    reasonContains = reasonContains == null ? null : reasonContains.toLowerCase(Locale.ROOT);
  }

  /** Whether the dead letter is one to replay (kind, reason, time); says nothing of its count. */
  boolean matches(DeadLetter d) {
    if (!kinds.isEmpty()
        && (d.kind() == null || !kinds.contains(d.kind().toUpperCase(Locale.ROOT)))) {
      return false;
    }
    if (reasonContains != null
        && (d.reason() == null || !d.reason().toLowerCase(Locale.ROOT).contains(reasonContains))) {
      return false;
    }
    if (since != null && d.timestamp() < since.toEpochMilli()) {
      return false;
    }
    return until == null || d.timestamp() < until.toEpochMilli();
  }

  /** The choices as given, in a fixed order, e.g. {@code kind=INVALID to=* maxReplays=3}. */
  String signature() {
    return "kind="
        + (kinds.isEmpty() ? "*" : String.join(",", new TreeSet<>(kinds)))
        + " reason="
        + (reasonContains == null ? "*" : "'" + reasonContains + "'")
        + " since="
        + (sinceText == null ? "*" : sinceText)
        + " until="
        + (untilText == null ? "*" : untilText)
        + " to="
        + (to == null ? "*" : to)
        + " maxReplays="
        + maxReplays;
  }

  /** {@link #signature()}, or its SHA-256 when it is too long for the offset metadata. */
  String storedSignature() {
    String s = signature();
    if (s.length() <= MAX_STORED_SIGNATURE) {
      return s;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
