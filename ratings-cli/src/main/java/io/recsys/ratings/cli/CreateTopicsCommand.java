package io.recsys.ratings.cli;

import io.recsys.ratings.admin.ApplyMode;
import io.recsys.ratings.admin.ProvisioningPlan;
import io.recsys.ratings.admin.ProvisioningResult;
import io.recsys.ratings.admin.TopicAction;
import io.recsys.ratings.admin.TopicProvisioner;
import io.recsys.ratings.admin.TopicSpec;
import java.io.PrintWriter;
import java.util.List;
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
          + " gzip) and ratings.dlq (3, 30 days, lz4): prints the plan, creates what is missing"
          + " and reports drift (partitions or configs that differ from the spec).",
      "Never deletes anything, never lowers a partition count.",
      "Exit code: 0 done, 1 conflict or failure, 2 bad arguments, 3 cluster unreachable."
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

  @Override
  public Integer call() {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<TopicSpec> specs = specs(partitions, replicationFactor);
    ApplyMode mode =
        dryRun ? ApplyMode.DRY_RUN : reconcile ? ApplyMode.APPLY : ApplyMode.CREATE_ONLY;
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

  static List<TopicSpec> specs(Integer partitions, Integer replicationFactor) {
    return TopicSpec.pipeline().stream()
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
            && mode != ApplyMode.APPLY;
    if (drift) {
      out.println(
          "Drift: some existing topics differ from the spec (see DETAILS);"
              + " run with --reconcile to fix it.");
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
    out.println(mode == ApplyMode.DRY_RUN ? "Dry run: nothing changed." : "Topics are ready.");
    return ExitCodes.OK;
  }

  private static String modeText(ApplyMode mode) {
    return switch (mode) {
      case DRY_RUN -> "dry run";
      case APPLY -> "create and reconcile";
      case CREATE_ONLY -> "create missing topics, report drift";
    };
  }

  private void validate() {
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
