package io.recsys.ratings.cli;

import io.recsys.ratings.admin.ApplyMode;
import io.recsys.ratings.admin.ProvisioningPlan;
import io.recsys.ratings.admin.ProvisioningResult;
import io.recsys.ratings.admin.TopicAction;
import io.recsys.ratings.admin.TopicOutcome;
import io.recsys.ratings.admin.TopicProvisioner;
import io.recsys.ratings.admin.TopicSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "create-topics",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Provisions the pipeline's topics ratings (6 partitions, 7 days, lz4), metrics (3, 30 days,"
          + " gzip) and ratings.dlq (3, 30 days, lz4), and with --retry-delays the retry topics"
          + " ratings.retry.<delay> (6, 7 days, lz4): prints the plan, creates what is missing"
          + " and reports drift (partitions or configs that differ from the spec).",
      "Never deletes anything, never lowers a partition count. ratings, ratings.dlq and the retry"
          + " topics are keyed by userId: adding partitions to them moves users to other"
          + " partitions and breaks their per-user order, so --reconcile does it only with"
          + " --allow-repartition.",
      "Exit code: 0 done, 1 conflict, blocked repartition or failure, 2 bad arguments,"
          + " 3 cluster unreachable."
    })
final class CreateTopicsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Partitions of every topic (default: ratings 6, metrics 3, ratings.dlq 3).")
  Integer partitions;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      description =
          "Replicas of every partition (default: 1). 3 or more also sets min.insync.replicas=2.")
  Integer replicationFactor;

  @Option(
      names = "--dry-run",
      description = "Print the plan, change nothing (with --reconcile: what reconciling would do).")
  boolean dryRun;

  @Option(
      names = "--reconcile",
      description =
          "Also fix drift of existing topics: add partitions, alter the configs of the spec"
              + " (default: only create missing topics and report drift).")
  boolean reconcile;

  @Option(
      names = "--allow-repartition",
      description =
          "With --reconcile: also add partitions to keyed topics (ratings, ratings.dlq, retry"
              + " topics). Their users then move to other partitions and their new ratings may be"
              + " consumed before their old ones; stop the producers and let the consumers catch"
              + " up first if per-user order matters.")
  boolean allowRepartition;

  @Option(
      names = "--retry-delays",
      paramLabel = "DELAY[,DELAY...]",
      split = ",",
      converter = DurationArg.class,
      description =
          "Also provision the retry topics of ratings for these delays, e.g. 1s,30s,5m"
              + " (ratings.retry.1s, ratings.retry.30s, ratings.retry.5m).")
  List<Duration> retryDelays;

  @Override
  public Integer call() {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<TopicSpec> specs = specs(partitions, replicationFactor, retrySpecs());
    ApplyMode mode =
        dryRun
            ? ApplyMode.DRY_RUN
            : reconcile
                ? (allowRepartition ? ApplyMode.APPLY_ALLOW_REPARTITION : ApplyMode.APPLY)
                : ApplyMode.CREATE_ONLY;
    try (Cluster kafka = Cluster.connect(cluster.settings());
        TopicProvisioner provisioner = kafka.provisioner()) {
      if (replicationFactor != null && replicationFactor > kafka.brokerCount()) {
        err.println(
            "warning: --replication-factor "
                + replicationFactor
                + " is more than the "
                + kafka.brokerCount()
                + " broker(s) of the cluster; creating topics will fail");
      }
      ProvisioningPlan plan = provisioner.plan(specs);
      out.println("Plan for " + kafka.bootstrapServers() + " (" + modeText(mode) + "):");
      out.println(plan.toTable());
      ProvisioningResult result = provisioner.apply(plan, mode);
      out.println("Result:");
      out.println(result.toTable());
      return report(plan, result, mode, out, err);
    }
  }

  /** The retry topics of ratings for the given delays, one per name. */
  private List<TopicSpec> retrySpecs() {
    Map<String, TopicSpec> byName = new LinkedHashMap<>();
    if (retryDelays != null) {
      for (Duration delay : retryDelays) {
        TopicSpec retry;
        try {
          retry = TopicSpec.retryTopic(TopicSpec.RATINGS_TOPIC, delay);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(
              spec.commandLine(), "--retry-delays: " + e.getMessage() + " (" + delay + ")");
        }
        byName.putIfAbsent(retry.name(), retry);
      }
    }
    return List.copyOf(byName.values());
  }

  static List<TopicSpec> specs(Integer partitions, Integer replicationFactor) {
    return specs(partitions, replicationFactor, List.of());
  }

  static List<TopicSpec> specs(
      Integer partitions, Integer replicationFactor, List<TopicSpec> extra) {
    return java.util.stream.Stream.concat(TopicSpec.pipeline().stream(), extra.stream())
        .map(s -> partitions == null ? s : s.withPartitions(partitions))
        .map(
            s -> {
              if (replicationFactor == null) {
                return s;
              }
              TopicSpec r = s.withReplicationFactor(replicationFactor);
              return replicationFactor >= 3 ? r.withConfig(TopicSpec.MIN_INSYNC_REPLICAS, "2") : r;
            })
        .toList();
  }

  private static int report(
      ProvisioningPlan plan,
      ProvisioningResult result,
      ApplyMode mode,
      PrintWriter out,
      PrintWriter err) {
    boolean drift =
        plan.actions().stream().anyMatch(a -> a.kind() == TopicAction.Kind.UPDATE)
            && mode != ApplyMode.APPLY
            && mode != ApplyMode.APPLY_ALLOW_REPARTITION;
    List<String> keyed = plan.keyedRepartitions().stream().map(TopicAction::topic).toList();
    if (drift) {
      out.println(
          "Drift: some existing topics differ from the spec (see DETAILS);"
              + " run with --reconcile to fix it"
              + (keyed.isEmpty()
                  ? "."
                  : " (adding partitions to the keyed topic(s) "
                      + String.join(", ", keyed)
                      + " also needs --allow-repartition)."));
    }
    if (!keyed.isEmpty() && mode == ApplyMode.APPLY_ALLOW_REPARTITION) {
      err.println(
          "warning: added partitions to the keyed topic(s) "
              + String.join(", ", keyed)
              + ": most users now map to other partitions, and their new ratings may be"
              + " consumed before their old ones.");
    }
    if (result.hasConflicts()) {
      err.println(
          "error: conflicts that provisioning cannot fix (e.g. fewer partitions or another"
              + " replication factor wanted than the topic has); see the table above.");
      return ExitCodes.FAILED;
    }
    if (result.hasFailures()) {
      result.errors().forEach(e -> err.println("error: " + e.getMessage()));
      return ExitCodes.FAILED;
    }
    if (result.hasBlocked()) {
      List<String> blocked =
          result.outcomes().stream()
              .filter(o -> o.status() == TopicOutcome.Status.BLOCKED)
              .map(TopicOutcome::topic)
              .toList();
      err.println(
          "error: partitions not added to the keyed topic(s) "
              + String.join(", ", blocked)
              + ": adding partitions moves users to other partitions, so their new ratings may be"
              + " consumed before their old ones (per-user order breaks). Config changes were"
              + " made. To add the partitions anyway, run again with --reconcile"
              + " --allow-repartition, ideally with the producers stopped and the consumers"
              + " caught up.");
      return ExitCodes.FAILED;
    }
    out.println(mode == ApplyMode.DRY_RUN ? "Dry run: nothing changed." : "Topics are ready.");
    return ExitCodes.OK;
  }

  private static String modeText(ApplyMode mode) {
    return switch (mode) {
      case DRY_RUN -> "dry run";
      case APPLY -> "create and reconcile, keyed topics not repartitioned";
      case APPLY_ALLOW_REPARTITION -> "create and reconcile, repartitioning keyed topics allowed";
      case CREATE_ONLY -> "create missing topics, report drift";
    };
  }

  private void validate() {
    if (allowRepartition && !reconcile) {
      throw new ParameterException(
          spec.commandLine(),
          "--allow-repartition works with --reconcile only (without it no partitions are added)");
    }
    if (partitions != null && (partitions < 1 || partitions > 10_000)) {
      throw new ParameterException(
          spec.commandLine(), "--partitions must be between 1 and 10000, was " + partitions);
    }
    if (replicationFactor != null && (replicationFactor < 1 || replicationFactor > 32)) {
      throw new ParameterException(
          spec.commandLine(),
          "--replication-factor must be between 1 and 32, was " + replicationFactor);
    }
  }
}
