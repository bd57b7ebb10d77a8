package io.recsys.ratings.cli;

import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The engine of {@code dlq replay}: reads the dead-letter topic in its own consumer group up to the
 * end offsets taken at the start, sends the chosen dead letters back, and commits each dead-letter
 * offset only once the records up to it are acknowledged (idempotent producer, {@code acks=all}).
 *
 * <p>Exactly once across crashes: before a batch is sent its start offset is committed as a {@code
 * pending} {@link ReplayCheckpoint} naming where the target partitions ended; after the
 * acknowledgements the offset past the batch is committed as {@code done}. Every replayed record
 * carries {@link #ORIGIN_HEADER} ({@code dlqTopic/partition/offset}). A run that finds a pending
 * checkpoint first reads the target partitions from the recorded offsets and skips the dead letters
 * it finds there. Not thread-safe; one run per instance.
 */
final class DlqReplayRun {

  /** Where a replayed record came from in the dead-letter topic: {@code topic/partition/offset}. */
  static final String ORIGIN_HEADER = "ratings.replay.origin";

  private static final Duration POLL = Duration.ofMillis(200);

  /** Called between steps of a batch; tests use it to die where a crash would hurt most. */
  interface Hooks {
    Hooks NONE = new Hooks() {};

    /** After every send of batch {@code batch} (from 1) was acknowledged, before the commit. */
    default void afterSendsAcknowledged(int batch) {}
  }

  private final ClientSettings settings;
  private final String topic;
  private final String group;
  private final ReplayFilter filter;
  private final long maxRecords;
  private final boolean dryRun;
  private final Duration idleTimeout;
  private final int maxPollRecords;
  private final int sampleSize;
  private final Predicate<String> topicExists;
  private final PrintWriter err;
  private final BooleanSupplier stop;
  private final Hooks hooks;

  private long read;
  private final TreeMap<String, Long> replayed = new TreeMap<>();
  private long alreadyReplayed;
  private long filteredOut;
  private long refused;
  private long noTarget;
  private long targetMissing;
  private long failed;
  private String firstError;
  private final List<String> samples = new ArrayList<>();

  /** Dead letters found on their targets after an interrupted run, per dead-letter partition. */
  private final Map<TopicPartition, Set<Long>> recovered = new HashMap<>();

  /**
   * Per dead-letter partition with possibly-sent records past its committed offset: the target
   * offsets to scan from (kept until the partition is committed past them as done).
   */
  private final Map<TopicPartition, Map<String, List<Long>>> inDoubt = new HashMap<>();

  /** Per dead-letter partition: the offset to pass before a done checkpoint may be written. */
  private final Map<TopicPartition, Long> resolvedFrom = new HashMap<>();

  private final Map<String, Integer> partitionCounts = new HashMap<>();

  DlqReplayRun(
      ClientSettings settings,
      String topic,
      String group,
      ReplayFilter filter,
      long maxRecords,
      boolean dryRun,
      Duration idleTimeout,
      int maxPollRecords,
      int sampleSize,
      Predicate<String> topicExists,
      PrintWriter err,
      BooleanSupplier stop,
      Hooks hooks) {
    this.settings = settings;
    this.topic = topic;
    this.group = group;
    this.filter = filter;
    this.maxRecords = maxRecords;
    this.dryRun = dryRun;
    this.idleTimeout = idleTimeout;
    this.maxPollRecords = maxPollRecords;
    this.sampleSize = sampleSize;
    this.topicExists = topicExists;
    this.err = err;
    this.stop = stop;
    this.hooks = hooks;
  }

  /** One dead letter to send. */
  private record Planned(TopicPartition from, DeadLetter letter, String target) {}

  DlqReplaySummary run() {
    DlqReplaySummary.StopReason reason;
    try (KafkaConsumer<byte[], byte[]> consumer =
        DlqClients.consumer(settings, "ratings-cli-dlq-replay", group, maxPollRecords)) {
      List<TopicPartition> partitions = DlqInspectCommand.partitions(consumer, topic);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
      checkGroup(committed);
      recover(committed);
      if (dryRun) {
        reason = dryRun(consumer, partitions, ends, committed);
      } else {
        try (KafkaProducer<byte[], byte[]> producer =
            DlqClients.producer(settings, "ratings-cli-dlq-replay")) {
          reason = replay(consumer, producer, ends);
        }
      }
    }
    return new DlqReplaySummary(
        settings.bootstrapServers(),
        topic,
        group,
        dryRun,
        filter.signature(),
        read,
        replayed,
        alreadyReplayed,
        filteredOut,
        refused,
        noTarget,
        targetMissing,
        failed,
        reason,
        firstError,
        List.copyOf(samples));
  }

  /** The group's offsets on the dead-letter topic must be a replay's with the same filters. */
  private void checkGroup(Map<TopicPartition, OffsetAndMetadata> committed) {
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      Optional<ReplayCheckpoint> checkpoint;
      try {
        checkpoint = ReplayCheckpoint.decode(e.getValue().metadata());
      } catch (IllegalArgumentException ex) {
        throw new CliException(
            ExitCodes.USAGE,
            "consumer group '"
                + group
                + "' has offsets on "
                + e.getKey()
                + " that dlq replay did not write; pass a --group of its own to the replay");
      }
      if (checkpoint.isEmpty() && !dryRun) {
        throw new CliException(
            ExitCodes.USAGE,
            "consumer group '"
                + group
                + "' has offsets on "
                + e.getKey()
                + " that dlq replay did not write; pass a --group of its own to the replay");
      }
      if (checkpoint.isPresent() && !checkpoint.get().filters().equals(filter.storedSignature())) {
        String message =
            "consumer group '"
                + group
                + "' last replayed '"
                + topic
                + "' with other choices ("
                + checkpoint.get().filters()
                + "; now "
                + filter.signature()
                + "): the dead letters it passed then would not be read again. Use another"
                + " --group for this replay (or the same options to resume the earlier one)";
        if (dryRun) {
          err.println("warning: " + message);
          return;
        }
        throw new CliException(ExitCodes.USAGE, message);
      }
    }
  }

  /**
   * For every partition whose checkpoint is pending, reads the target partitions from the recorded
   * offsets and notes which dead letters (at or past the committed offset) are already there.
   */
  private void recover(Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<TopicPartition, Long> from = new HashMap<>();
    Map<TopicPartition, Long> committedOffsets = new HashMap<>();
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      Optional<ReplayCheckpoint> checkpoint = decodeQuietly(e.getValue().metadata());
      if (checkpoint.isEmpty() || !checkpoint.get().pending()) {
        continue;
      }
      committedOffsets.put(e.getKey(), e.getValue().offset());
      inDoubt.put(e.getKey(), new TreeMap<>(checkpoint.get().targets()));
      checkpoint
          .get()
          .targets()
          .forEach(
              (target, offsets) -> {
                for (int p = 0; p < offsets.size(); p++) {
                  from.merge(new TopicPartition(target, p), offsets.get(p), Math::min);
                }
              });
    }
    if (committedOffsets.isEmpty()) {
      return;
    }
    StringBuilder where = new StringBuilder();
    new TreeMap<>(inDoubtTopics())
        .forEach(
            (t, n) ->
                where
                    .append(where.length() == 0 ? "" : ", ")
                    .append(t)
                    .append(" (")
                    .append(n)
                    .append(n == 1 ? " partition)" : " partitions)"));
    err.println(
        "dlq replay: a previous replay of group '"
            + group
            + "' was interrupted; looking for its records in "
            + where
            + " so that none is sent twice");
    try (KafkaConsumer<byte[], byte[]> scanner =
        DlqClients.consumer(settings, "ratings-cli-dlq-replay-recovery", null, 2000)) {
      TopicScan.Outcome outcome =
          TopicScan.scan(
              scanner,
              from.keySet(),
              from,
              idleTimeout,
              r -> {
                String origin = DeadLetter.header(r, ORIGIN_HEADER);
                if (origin == null) {
                  return;
                }
                String[] parts = origin.split("/");
                if (parts.length != 3 || !parts[0].equals(topic)) {
                  return;
                }
                TopicPartition dlq = new TopicPartition(topic, Integer.parseInt(parts[1]));
                long offset = Long.parseLong(parts[2]);
                Long since = committedOffsets.get(dlq);
                if (since != null && offset >= since) {
                  recovered.computeIfAbsent(dlq, k -> new HashSet<>()).add(offset);
                }
              },
              stop);
      if (!outcome.complete()) {
        throw new CliException(
            ExitCodes.FAILED,
            "could not read the target partitions of the interrupted replay to their end ("
                + outcome.missing()
                + "); run the replay again");
      }
    }
    committedOffsets.forEach(
        (tp, offset) -> {
          Set<Long> found = recovered.getOrDefault(tp, Set.of());
          long past = found.stream().mapToLong(Long::longValue).max().orElse(offset - 1) + 1;
          resolvedFrom.put(tp, Math.max(offset, past));
        });
  }

  private Map<String, Integer> inDoubtTopics() {
    Map<String, Integer> topics = new HashMap<>();
    inDoubt.values().forEach(t -> t.forEach((name, offsets) -> topics.put(name, offsets.size())));
    return topics;
  }

  private static Optional<ReplayCheckpoint> decodeQuietly(String metadata) {
    try {
      return ReplayCheckpoint.decode(metadata);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The replay proper: in the group, batch by batch, committing after acknowledgements. */
  private DlqReplaySummary.StopReason replay(
      KafkaConsumer<byte[], byte[]> consumer,
      KafkaProducer<byte[], byte[]> producer,
      Map<TopicPartition, Long> ends) {
    Set<TopicPartition> assigned = new HashSet<>();
    consumer.subscribe(
        List.of(topic),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions); // between batches: everything is committed
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
          }
        });
    long lastProgress = System.nanoTime();
    int batch = 0;
    Set<TopicPartition> paused = new HashSet<>();
    while (true) {
      if (stop.getAsBoolean()) {
        return DlqReplaySummary.StopReason.INTERRUPTED;
      }
      ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
      if (!records.isEmpty()) {
        lastProgress = System.nanoTime();
        batch++;
        DlqReplaySummary.StopReason stopped = handleBatch(consumer, producer, records, ends, batch);
        if (stopped != null) {
          return stopped;
        }
      }
      if (!assigned.isEmpty()) {
        boolean allDone = true;
        for (TopicPartition tp : assigned) {
          if (consumer.position(tp) < ends.getOrDefault(tp, 0L)) {
            allDone = false;
          } else if (paused.add(tp)) {
            consumer.pause(List.of(tp));
          }
        }
        if (allDone) {
          return DlqReplaySummary.StopReason.COMPLETE;
        }
      }
      if (System.nanoTime() - lastProgress > idleTimeout.toNanos()) {
        firstError =
            assigned.isEmpty()
                ? "no partition of '" + topic + "' was assigned to group '" + group + "' in time"
                : "no dead letter arrived for " + idleTimeout.toSeconds() + " s before the end";
        return DlqReplaySummary.StopReason.TIMEOUT;
      }
    }
  }

  /**
   * Classifies, sends and commits one poll's records; returns why to stop, or null to go on.
   * Commits, per partition, the offset after the last record handled (or the first that failed).
   */
  private DlqReplaySummary.StopReason handleBatch(
      KafkaConsumer<byte[], byte[]> consumer,
      KafkaProducer<byte[], byte[]> producer,
      ConsumerRecords<byte[], byte[]> records,
      Map<TopicPartition, Long> ends,
      int batch) {
    List<Planned> planned = new ArrayList<>();
    Map<TopicPartition, Long> firstOffset = new LinkedHashMap<>();
    Map<TopicPartition, Long> next = new LinkedHashMap<>();
    DlqReplaySummary.StopReason stopped = classify(records, ends, planned, firstOffset, next);
    if (!planned.isEmpty()) {
      Map<TopicPartition, Map<String, List<Long>>> pending =
          writeAhead(consumer, planned, firstOffset);
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (Planned p : planned) {
        sent.add(send(producer, p));
      }
      producer.flush();
      hooks.afterSendsAcknowledged(batch);
      Map<TopicPartition, Long> failedAt = new HashMap<>();
      for (int i = 0; i < planned.size(); i++) {
        Planned p = planned.get(i);
        try {
          sent.get(i).get();
          replayed.merge(p.target(), 1L, Long::sum);
          sample(p);
        } catch (ExecutionException | InterruptedException e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          failed++;
          failedAt.merge(p.from(), p.letter().offset(), Math::min);
          if (firstError == null) {
            firstError =
                "replaying "
                    + p.letter().where()
                    + " to '"
                    + p.target()
                    + "' failed: "
                    + Cluster.rootMessage(e instanceof ExecutionException ? e.getCause() : e);
          }
        }
      }
      Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
      next.forEach(
          (tp, offset) -> {
            Long failure = failedAt.get(tp);
            if (failure != null) {
              // records past the failure may have been acknowledged: the next run looks for them
              commit.put(
                  tp, new OffsetAndMetadata(failure, pendingCheckpoint(pending.get(tp)).encode()));
            } else {
              commit.put(tp, new OffsetAndMetadata(offset, checkpointAfter(tp, offset)));
            }
          });
      commitSync(consumer, commit);
      if (!failedAt.isEmpty()) {
        return DlqReplaySummary.StopReason.FAILED;
      }
    } else if (!next.isEmpty()) {
      Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
      next.forEach(
          (tp, offset) ->
              commit.put(tp, new OffsetAndMetadata(offset, checkpointAfter(tp, offset))));
      commitSync(consumer, commit);
    }
    return stopped;
  }

  /**
   * Sorts one poll's records below the end offsets into sends and skips; fills the first and next
   * offset per partition. Returns why to stop before the end of the poll, or null.
   */
  private DlqReplaySummary.StopReason classify(
      ConsumerRecords<byte[], byte[]> records,
      Map<TopicPartition, Long> ends,
      List<Planned> planned,
      Map<TopicPartition, Long> firstOffset,
      Map<TopicPartition, Long> next) {
    for (TopicPartition tp : records.partitions()) {
      long end = ends.getOrDefault(tp, 0L);
      for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
        if (r.offset() >= end) {
          break;
        }
        if (maxRecords > 0 && replayedTotal() + planned.size() >= maxRecords) {
          return DlqReplaySummary.StopReason.MAX_RECORDS;
        }
        DeadLetter d = DeadLetter.of(r);
        String target = filter.to() != null ? filter.to() : d.sourceTopic();
        if (!recovered.getOrDefault(tp, Set.of()).contains(r.offset())
            && filter.matches(d)
            && d.replayCount() >= 0
            && d.replayCount() < filter.maxReplays()
            && target != null
            && !target.equals(topic)
            && !topicExists.test(target)) {
          targetMissing++;
          firstError =
              "target topic '"
                  + target
                  + "' of "
                  + d.where()
                  + " does not exist; create it (or pass --to TOPIC) and run the replay again";
          return DlqReplaySummary.StopReason.TARGET_MISSING;
        }
        read++;
        firstOffset.putIfAbsent(tp, r.offset());
        next.put(tp, r.offset() + 1);
        if (recovered.getOrDefault(tp, Set.of()).contains(r.offset())) {
          alreadyReplayed++;
        } else if (!filter.matches(d)) {
          filteredOut++;
        } else if (d.replayCount() < 0 || d.replayCount() >= filter.maxReplays()) {
          refused++;
        } else if (target == null || target.equals(topic)) {
          noTarget++;
        } else {
          planned.add(new Planned(tp, d, target));
        }
      }
    }
    return null;
  }

  private long replayedTotal() {
    return replayed.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Commits the start of each partition's batch as pending, with the target partitions' end offsets
   * (or the older ones of an unresolved interrupted run), before anything is sent.
   */
  private Map<TopicPartition, Map<String, List<Long>>> writeAhead(
      KafkaConsumer<byte[], byte[]> consumer,
      List<Planned> planned,
      Map<TopicPartition, Long> firstOffset) {
    Set<String> targets = new HashSet<>();
    planned.forEach(p -> targets.add(p.target()));
    List<TopicPartition> targetPartitions = new ArrayList<>();
    for (String t : targets) {
      int n = partitionCount(consumer, t);
      for (int p = 0; p < n; p++) {
        targetPartitions.add(new TopicPartition(t, p));
      }
    }
    Map<TopicPartition, Long> targetEnds = consumer.endOffsets(targetPartitions);
    Map<String, List<Long>> now = new TreeMap<>();
    for (String t : targets) {
      List<Long> offsets = new ArrayList<>();
      for (int p = 0; p < partitionCount(consumer, t); p++) {
        offsets.add(targetEnds.getOrDefault(new TopicPartition(t, p), 0L));
      }
      now.put(t, offsets);
    }
    Map<TopicPartition, Map<String, List<Long>>> pending = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    Set<TopicPartition> sending = new HashSet<>();
    planned.forEach(p -> sending.add(p.from()));
    for (TopicPartition tp : sending) {
      Map<String, List<Long>> scanFrom = new TreeMap<>(now);
      Map<String, List<Long>> older = inDoubt.get(tp);
      if (older != null) {
        scanFrom.putAll(older); // older offsets cover these sends too
      }
      inDoubt.put(tp, scanFrom);
      pending.put(tp, scanFrom);
      commit.put(
          tp, new OffsetAndMetadata(firstOffset.get(tp), pendingCheckpoint(scanFrom).encode()));
    }
    commitSync(consumer, commit);
    return pending;
  }

  private ReplayCheckpoint pendingCheckpoint(Map<String, List<Long>> targets) {
    return new ReplayCheckpoint(filter.storedSignature(), true, targets);
  }

  /**
   * The metadata to commit with {@code offset}: done, unless records of an interrupted run past it
   * may still be on a target (then the pending checkpoint stays, for the next run to scan).
   */
  private String checkpointAfter(TopicPartition tp, long offset) {
    Long from = resolvedFrom.get(tp);
    Map<String, List<Long>> doubt = inDoubt.get(tp);
    if (doubt != null && from != null && offset < from) {
      return pendingCheckpoint(doubt).encode();
    }
    inDoubt.remove(tp);
    resolvedFrom.remove(tp);
    return ReplayCheckpoint.done(filter.storedSignature()).encode();
  }

  private int partitionCount(KafkaConsumer<byte[], byte[]> consumer, String target) {
    return partitionCounts.computeIfAbsent(
        target,
        t -> {
          List<PartitionInfo> infos = consumer.partitionsFor(t, DlqClients.CALL_TIMEOUT);
          if (infos == null || infos.isEmpty()) {
            throw new CliException(ExitCodes.FAILED, "target topic '" + t + "' has no partitions");
          }
          return infos.size();
        });
  }

  private void commitSync(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> commit) {
    try {
      consumer.commitSync(commit, DlqClients.CALL_TIMEOUT);
    } catch (KafkaException e) {
      throw new CliException(
          ExitCodes.FAILED,
          "committing the replay's progress failed ("
              + Cluster.rootMessage(e)
              + "); run the replay again: records already sent are found and not sent twice");
    }
  }

  private Future<RecordMetadata> send(KafkaProducer<byte[], byte[]> producer, Planned p) {
    ConsumerRecord<byte[], byte[]> r = p.letter().record();
    RecordHeaders headers = new RecordHeaders();
    for (Header h : r.headers()) {
      if (!h.key().startsWith(DeadLetter.SDK_HEADER_PREFIX)) {
        headers.add(h);
      }
    }
    headers.add(
        DeadLetterHeaders.REPLAY_COUNT,
        Integer.toString(p.letter().replayCount() + 1).getBytes(StandardCharsets.UTF_8));
    headers.add(
        ORIGIN_HEADER,
        (topic + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8));
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            p.target(),
            null,
            r.timestamp() >= 0 ? r.timestamp() : null,
            r.key(),
            r.value(),
            headers);
    try {
      return producer.send(record);
    } catch (KafkaException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  private void sample(Planned p) {
    if (samples.size() < sampleSize) {
      samples.add(
          p.letter().where()
              + " -> "
              + p.target()
              + " ("
              + (p.letter().kind() == null ? DlqInspection.NONE : p.letter().kind())
              + ", replay "
              + (p.letter().replayCount() + 1)
              + ")");
    }
  }

  /**
   * What a replay would do: reads from the group's committed offsets (or the beginning) without
   * joining the group, sends nothing and commits nothing.
   */
  private DlqReplaySummary.StopReason dryRun(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> ends,
      Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<TopicPartition, Long> from = new HashMap<>();
    committed.forEach(
        (tp, om) -> {
          if (om != null) {
            from.put(tp, om.offset());
          }
        });
    long[] wouldSend = {0};
    boolean[] limitReached = {false};
    TopicScan.Outcome outcome =
        TopicScan.scan(
            consumer,
            partitions,
            from,
            idleTimeout,
            r -> {
              if (limitReached[0]) {
                return;
              }
              if (maxRecords > 0 && wouldSend[0] >= maxRecords) {
                limitReached[0] = true;
                return;
              }
              TopicPartition tp = new TopicPartition(r.topic(), r.partition());
              DeadLetter d = DeadLetter.of(r);
              String target = filter.to() != null ? filter.to() : d.sourceTopic();
              read++;
              if (recovered.getOrDefault(tp, Set.of()).contains(r.offset())) {
                alreadyReplayed++;
              } else if (!filter.matches(d)) {
                filteredOut++;
              } else if (d.replayCount() < 0 || d.replayCount() >= filter.maxReplays()) {
                refused++;
              } else if (target == null || target.equals(topic)) {
                noTarget++;
              } else if (!topicExists.test(target)) {
                targetMissing++;
                if (firstError == null) {
                  firstError = "target topic '" + target + "' of " + d.where() + " does not exist";
                }
              } else {
                wouldSend[0]++;
                replayed.merge(target, 1L, Long::sum);
                sample(new Planned(tp, d, target));
              }
            },
            stop);
    if (limitReached[0]) {
      return DlqReplaySummary.StopReason.MAX_RECORDS;
    }
    if (stop.getAsBoolean()) {
      return DlqReplaySummary.StopReason.INTERRUPTED;
    }
    if (!outcome.complete()) {
      firstError = "not read to the end: " + outcome.missing();
      return DlqReplaySummary.StopReason.TIMEOUT;
    }
    return targetMissing > 0
        ? DlqReplaySummary.StopReason.TARGET_MISSING
        : DlqReplaySummary.StopReason.COMPLETE;
  }
}
