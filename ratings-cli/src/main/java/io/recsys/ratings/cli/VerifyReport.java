package io.recsys.ratings.cli;

import io.recsys.ratings.admin.ClusterInspector;
import io.recsys.ratings.admin.ConsumerGroupDetails;
import io.recsys.ratings.admin.PartitionDetails;
import io.recsys.ratings.admin.PartitionLag;
import io.recsys.ratings.admin.ProvisioningPlan;
import io.recsys.ratings.admin.TopicAction;
import io.recsys.ratings.admin.TopicDetails;
import io.recsys.ratings.admin.TopicProvisioner;
import io.recsys.ratings.admin.TopicSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The health of the pipeline's topics and of one consumer group, like the pipeline's verification
 * script: topics and their settings, drift from the spec, per-partition offsets, the group's lag.
 *
 * <p>Problems (non-zero exit): a missing topic, config drift, a partition without leader or with
 * fewer in-sync replicas than replicas. A partition count or replication factor other than the
 * spec's defaults is a note, not a problem ({@code create-topics --partitions} may have chosen it).
 * Lag is reported, not judged.
 */
record VerifyReport(
    String bootstrapServers,
    String clusterId,
    int brokers,
    List<TopicCheck> topics,
    ConsumerGroupDetails group,
    List<String> problems) {

  /** One topic: the spec, what exists (empty if missing), config drift and notes. */
  record TopicCheck(
      TopicSpec spec, Optional<TopicDetails> details, List<String> drift, List<String> notes) {

    String status() {
      if (details.isEmpty()) {
        return "MISSING";
      }
      return drift.isEmpty() ? "OK" : "DRIFT";
    }
  }

  boolean ok() {
    return problems.isEmpty();
  }

  static VerifyReport check(Cluster cluster, String groupId) {
    List<TopicSpec> specs = TopicSpec.pipeline();
    List<TopicSpec> lenient =
        specs.stream()
            .map(
                s ->
                    s.withPartitions(1).withReplicationFactor(TopicSpec.BROKER_DEFAULT_REPLICATION))
            .toList();
    List<TopicCheck> checks = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    ConsumerGroupDetails group;
    try (TopicProvisioner provisioner = cluster.provisioner();
        ClusterInspector inspector = cluster.inspector()) {
      ProvisioningPlan plan = provisioner.plan(lenient);
      List<String> existing =
          plan.actions().stream()
              .filter(a -> a.kind() != TopicAction.Kind.CREATE)
              .map(TopicAction::topic)
              .toList();
      Map<String, TopicDetails> details =
          inspector.describeTopics(existing).stream()
              .collect(Collectors.toMap(TopicDetails::name, d -> d));
      for (TopicSpec spec : specs) {
        TopicAction action = plan.action(spec.name());
        TopicDetails d = details.get(spec.name());
        List<String> drift =
            action.configChanges().stream().map(TopicAction.ConfigChange::describe).toList();
        List<String> notes = new ArrayList<>();
        if (d == null) {
          problems.add("topic '" + spec.name() + "' is missing (run `ratings create-topics`)");
        } else {
          drift.forEach(c -> problems.add("topic '" + spec.name() + "' drifted: " + c));
          if (d.partitionCount() != spec.partitions()) {
            notes.add(d.partitionCount() + " partitions (default " + spec.partitions() + ")");
          }
          for (PartitionDetails p : d.partitions()) {
            if (p.leader() == PartitionDetails.NO_LEADER) {
              problems.add("partition " + spec.name() + "-" + p.partition() + " has no leader");
            } else if (!p.fullyReplicated()) {
              problems.add(
                  "partition "
                      + spec.name()
                      + "-"
                      + p.partition()
                      + " is under-replicated (ISR "
                      + p.isr()
                      + " of replicas "
                      + p.replicas()
                      + ")");
            }
          }
        }
        checks.add(new TopicCheck(spec, Optional.ofNullable(d), drift, notes));
      }
      group = inspector.describeGroup(groupId);
    }
    return new VerifyReport(
        cluster.bootstrapServers(),
        cluster.clusterId(),
        cluster.brokerCount(),
        checks,
        group,
        problems);
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", "verify");
    json.put("bootstrapServers", bootstrapServers);
    json.put("clusterId", clusterId);
    json.put("brokers", brokers);
    json.put("ok", ok());
    json.put("problems", problems);
    List<Object> topicList = new ArrayList<>();
    for (TopicCheck check : topics) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("name", check.spec().name());
      t.put("status", check.status());
      check
          .details()
          .ifPresent(
              d -> {
                t.put("partitionCount", d.partitionCount());
                t.put("replicationFactor", d.replicationFactor());
                t.put("records", d.recordCountEstimate());
                t.put("configs", d.configs());
              });
      t.put("drift", check.drift());
      t.put("notes", check.notes());
      List<Object> parts = new ArrayList<>();
      check
          .details()
          .ifPresent(
              d ->
                  d.partitions()
                      .forEach(
                          p -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("partition", p.partition());
                            row.put("leader", p.leader());
                            row.put("replicas", p.replicas());
                            row.put("isr", p.isr());
                            row.put("earliestOffset", p.earliestOffset());
                            row.put("latestOffset", p.latestOffset());
                            parts.add(row);
                          }));
      t.put("partitions", parts);
      topicList.add(t);
    }
    json.put("topics", topicList);
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("id", group.groupId());
    g.put("state", group.state());
    g.put("members", group.members().size());
    g.put("totalLag", group.totalLag());
    List<Object> lags = new ArrayList<>();
    for (PartitionLag lag : group.partitions()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("topic", lag.topicPartition().topic());
      row.put("partition", lag.topicPartition().partition());
      row.put("committedOffset", lag.committedOffset());
      row.put("endOffset", lag.endOffset());
      row.put("lag", lag.lag());
      lags.add(row);
    }
    g.put("partitions", lags);
    json.put("group", g);
    return json;
  }

  String toText() {
    StringBuilder out = new StringBuilder();
    out.append("Cluster ")
        .append(bootstrapServers)
        .append(": id ")
        .append(clusterId)
        .append(", ")
        .append(brokers)
        .append(" broker(s)\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (TopicCheck c : topics) {
      List<String> details = new ArrayList<>(c.drift());
      details.addAll(c.notes());
      rows.add(
          List.of(
              c.spec().name(),
              c.status(),
              c.details().map(d -> String.valueOf(d.partitionCount())).orElse("-"),
              c.details().map(d -> String.valueOf(d.replicationFactor())).orElse("-"),
              c.details().map(d -> Reports.count(d.recordCountEstimate())).orElse("-"),
              c.details()
                  .map(
                      d ->
                          d.configs().entrySet().stream()
                              .map(e -> e.getKey() + "=" + e.getValue())
                              .collect(Collectors.joining(", ")))
                  .orElse("-"),
              details.isEmpty() ? "-" : String.join("; ", details)));
    }
    out.append(
            TextTable.render(
                List.of("TOPIC", "STATUS", "PARTITIONS", "RF", "RECORDS", "CONFIGS", "DETAILS"),
                rows))
        .append('\n');
    List<List<String>> parts = new ArrayList<>();
    for (TopicCheck c : topics) {
      c.details()
          .ifPresent(
              d ->
                  d.partitions()
                      .forEach(
                          p ->
                              parts.add(
                                  List.of(
                                      d.name(),
                                      String.valueOf(p.partition()),
                                      p.leader() == PartitionDetails.NO_LEADER
                                          ? "none"
                                          : String.valueOf(p.leader()),
                                      String.valueOf(p.isr().size()) + "/" + p.replicas().size(),
                                      String.valueOf(p.earliestOffset()),
                                      String.valueOf(p.latestOffset())))));
    }
    if (!parts.isEmpty()) {
      out.append(
              TextTable.render(
                  List.of("TOPIC", "PARTITION", "LEADER", "ISR", "EARLIEST", "LATEST"), parts))
          .append('\n');
    }
    if (group.partitions().isEmpty()) {
      out.append("Group '")
          .append(group.groupId())
          .append("': no committed offsets (state ")
          .append(group.state())
          .append(")\n");
    } else {
      out.append(
              String.format(
                  "Group '%s': state %s, %d member(s), total lag %s%n",
                  group.groupId(),
                  group.state(),
                  group.members().size(),
                  Reports.count(group.totalLag())))
          .append(
              TextTable.render(
                  List.of("TOPIC", "PARTITION", "COMMITTED", "END", "LAG"),
                  group.partitions().stream()
                      .map(
                          l ->
                              List.of(
                                  l.topicPartition().topic(),
                                  String.valueOf(l.topicPartition().partition()),
                                  l.committedOffset() < 0
                                      ? "-"
                                      : String.valueOf(l.committedOffset()),
                                  String.valueOf(l.endOffset()),
                                  l.lag() < 0 ? "-" : String.valueOf(l.lag())))
                      .toList()));
    }
    out.append('\n');
    if (ok()) {
      out.append("Verdict: OK\n");
    } else {
      out.append("Verdict: ").append(problems.size()).append(" problem(s)\n");
      problems.forEach(p -> out.append("  - ").append(p).append('\n'));
    }
    return out.toString();
  }
}
