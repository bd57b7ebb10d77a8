package io.recsys.ratings.admin;

import io.recsys.ratings.admin.TopicOutcome.Status;
import io.recsys.ratings.admin.internal.AdminSession;
import io.recsys.ratings.admin.internal.PlanCalculator;
import io.recsys.ratings.admin.internal.TopicState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings topics to their {@link TopicSpec}s, idempotently: topics-as-code as a library call.
 *
 * <p>Two steps. {@link #plan(Collection)} describes the topics (one {@code describeTopics} call for
 * all, one {@code describeConfigs} call for the existing ones) and returns a {@link
 * ProvisioningPlan} with one {@link TopicAction} per topic: create, up to date, update (add
 * partitions and/or alter configs) or conflict. {@link #apply(ProvisioningPlan, ApplyMode)} carries
 * the plan out with batched {@code createTopics}, {@code createPartitions} and {@code
 * incrementalAlterConfigs} calls and returns a {@link ProvisioningResult}. Running it twice is
 * safe: the second plan is all {@link TopicAction.Kind#UP_TO_DATE}.
 *
 * <pre>{@code
 * try (TopicProvisioner provisioner = TopicProvisioner.create(AdminSettings.of("localhost:9092"))) {
 *   ProvisioningPlan plan = provisioner.plan(TopicSpec.pipeline());
 *   ProvisioningResult result = provisioner.apply(plan);
 *   if (!result.isSuccess()) {
 *     throw new IllegalStateException("topics not provisioned:\n" + result.toTable());
 *   }
 * }
 * }</pre>
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Never deletes a topic or a partition, never lowers a partition count, never changes a
 *       replication factor; such differences are {@link TopicAction.Kind#CONFLICT}s, reported and
 *       left alone.
 *   <li>Never adds partitions to a {@linkplain TopicSpec#keyed() keyed} topic (which moves keys to
 *       other partitions and breaks their order) unless the mode is {@link
 *       ApplyMode#APPLY_ALLOW_REPARTITION}; otherwise the topic is {@link Status#BLOCKED}, with a
 *       detail saying why and how to allow it.
 *   <li>Only configs named in a spec are compared and altered ({@code SET}, incrementally); other
 *       configs of the topic keep their values.
 *   <li>A topic created by someone else between plan and apply ({@code TopicExistsException}) is
 *       re-planned against what now exists and that plan is applied, instead of failing.
 *   <li>Every call is bounded by {@link AdminSettings#timeout()}: an unreachable cluster fails with
 *       an {@link AdminTimeoutException} naming the bootstrap servers and the timeout.
 *   <li>{@code apply} returns once the changes it made show in the cluster's metadata (waiting at
 *       most one timeout), so a {@code plan} right after an {@code apply} sees them.
 *   <li>Failures of one topic do not stop the others; they appear as {@link Status#FAILED} in the
 *       result. Planning failures (cluster unreachable, describe denied) are thrown.
 * </ul>
 *
 * <p>Thread safety: the methods may be called from several threads, but concurrent {@code apply}
 * calls for the same topics race like any two admins would.
 */
public final class TopicProvisioner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private static final String REPLANNED = "created concurrently by someone else, re-planned; ";

  private static final long VISIBILITY_POLL_MS = 100;

  private final AdminSession session;

  private TopicProvisioner(AdminSession session) {
    this.session = session;
  }

  /**
   * A provisioner with its own Admin client; close it when done.
   *
   * @param settings how to reach the cluster
   * @return the provisioner
   * @throws RatingsAdminException if the Admin client cannot be created
   */
  public static TopicProvisioner create(AdminSettings settings) {
    return new TopicProvisioner(AdminSession.open(settings));
  }

  /**
   * A provisioner with its own Admin client, default timeout; close it when done.
   *
   * @param bootstrapServers comma-separated {@code host:port} list
   * @return the provisioner
   * @throws RatingsAdminException if the Admin client cannot be created
   */
  public static TopicProvisioner create(String bootstrapServers) {
    return create(AdminSettings.of(bootstrapServers));
  }

  /**
   * A provisioner with its own Admin client built from raw Kafka client properties (which must
   * include {@code bootstrap.servers}), default timeout; close it when done.
   *
   * @param clientProperties Kafka Admin client properties, passed through
   * @return the provisioner
   * @throws RatingsAdminException if the Admin client cannot be created
   */
  public static TopicProvisioner create(Map<String, ?> clientProperties) {
    return create(AdminSettings.builder().clientProperties(clientProperties).build());
  }

  /**
   * A provisioner using the caller's Admin client, which {@link #close()} leaves open.
   *
   * @param admin an Admin client
   * @param timeout bound of each call, between {@link AdminSettings#MIN_TIMEOUT} and {@link
   *     AdminSettings#MAX_TIMEOUT}
   * @return the provisioner
   */
  public static TopicProvisioner forAdmin(Admin admin, Duration timeout) {
    return new TopicProvisioner(AdminSession.wrap(admin, timeout));
  }

  /**
   * Compares specs with the cluster. Changes nothing.
   *
   * @param specs the wanted topics, names unique
   * @return one action per spec, in the order of the specs
   * @throws IllegalArgumentException if two specs name the same topic
   * @throws AdminTimeoutException if the cluster does not answer in time
   * @throws AdminAuthorizationException if describing a topic or its configs is denied
   * @throws RatingsAdminException if describing fails otherwise
   */
  public ProvisioningPlan plan(Collection<TopicSpec> specs) {
    Objects.requireNonNull(specs, "specs");
    Map<String, TopicSpec> byName = new LinkedHashMap<>();
    for (TopicSpec spec : specs) {
      if (byName.put(spec.name(), spec) != null) {
        throw new IllegalArgumentException("two specs for topic '" + spec.name() + "'");
      }
    }
    Map<String, Optional<TopicDescription>> described = session.describeTopics(byName.keySet());
    List<String> existing =
        described.entrySet().stream()
            .filter(e -> e.getValue().isPresent())
            .map(Map.Entry::getKey)
            .toList();
    Map<String, Config> configs = session.describeTopicConfigs(existing);
    List<TopicAction> actions = new ArrayList<>();
    byName.forEach(
        (name, spec) ->
            actions.add(
                PlanCalculator.plan(
                    spec, described.get(name).map(d -> toState(d, configs.get(name))))));
    return new ProvisioningPlan(actions);
  }

  /**
   * Applies a plan in {@link ApplyMode#APPLY} mode.
   *
   * @param plan from {@link #plan(Collection)}
   * @return one outcome per topic
   */
  public ProvisioningResult apply(ProvisioningPlan plan) {
    return apply(plan, ApplyMode.APPLY);
  }

  /**
   * Plans and applies in one go.
   *
   * @param specs the wanted topics
   * @param mode how to apply
   * @return one outcome per topic
   * @throws RatingsAdminException if planning fails
   */
  public ProvisioningResult provision(Collection<TopicSpec> specs, ApplyMode mode) {
    return apply(plan(specs), mode);
  }

  /**
   * Carries out a plan. Creates are batched into one {@code createTopics} call, partition increases
   * into one {@code createPartitions} call and config changes into one {@code
   * incrementalAlterConfigs} call. Per-topic failures are reported in the result, not thrown.
   *
   * @param plan from {@link #plan(Collection)}
   * @param mode {@link ApplyMode#APPLY}, {@link ApplyMode#APPLY_ALLOW_REPARTITION}, {@link
   *     ApplyMode#CREATE_ONLY} or {@link ApplyMode#DRY_RUN}
   * @return one outcome per topic, in plan order
   */
  public ProvisioningResult apply(ProvisioningPlan plan, ApplyMode mode) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(mode, "mode");
    Map<String, TopicOutcome> outcomes = new HashMap<>();
    List<TopicAction> creates = new ArrayList<>();
    List<TopicAction> updates = new ArrayList<>();
    for (TopicAction action : plan.actions()) {
      sort(action, mode, false, creates, updates, outcomes);
    }
    List<TopicAction> replannedActions = create(creates, outcomes);
    Set<String> replanned = new HashSet<>();
    replannedActions.forEach(a -> replanned.add(a.topic()));
    for (TopicAction again : replannedActions) {
      if (again.kind() == TopicAction.Kind.CREATE) {
        outcomes.put(
            again.topic(),
            failed(
                again,
                new RatingsAdminException(
                    "topic '"
                        + again.topic()
                        + "' already existed when creating it but is gone again; run again",
                    null,
                    true)));
      } else {
        sort(again, mode, true, creates, updates, outcomes);
      }
    }
    update(updates, outcomes, replanned, mode == ApplyMode.APPLY_ALLOW_REPARTITION);
    List<TopicOutcome> ordered = plan.actions().stream().map(a -> outcomes.get(a.topic())).toList();
    ProvisioningResult result = new ProvisioningResult(mode, ordered);
    awaitVisible(
        ordered.stream()
            .filter(
                o ->
                    o.status() == Status.CREATED
                        || o.status() == Status.UPDATED
                        || (o.status() == Status.BLOCKED && o.action().altersConfigs()))
            .map(
                o ->
                    o.status() == Status.BLOCKED
                        ? o.action().spec().withPartitions(o.action().currentPartitions())
                        : o.action().spec())
            .toList());
    LOG.info(
        "Provisioned {} topic(s) in {} mode: {}", ordered.size(), mode, result.countByStatus());
    return result;
  }

  /**
   * Waits, at most one timeout, until the brokers' metadata shows the changes just made: Kafka
   * answers a create or alter once the controller committed it, while describe calls read a
   * broker's copy that may lag behind by a moment. Without this wait, a plan made right after an
   * apply could still see the old state. Gives up quietly: the changes were accepted either way.
   */
  private void awaitVisible(List<TopicSpec> changed) {
    if (changed.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + session.timeoutMs() * 1_000_000L;
    while (true) {
      try {
        if (!plan(changed).hasChanges() && leadersServe(changed)) {
          return;
        }
      } catch (RatingsAdminException e) {
        LOG.debug("Checking that changes are visible failed: {}", e.getMessage());
      }
      if (System.nanoTime() > deadline) {
        LOG.warn("Changes to {} not yet visible in the cluster metadata", changed);
        return;
      }
      try {
        Thread.sleep(VISIBILITY_POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Whether the leader of every partition of the topics already serves it. Metadata names a leader
   * a moment before that broker has created the partition locally; a producer writing in between
   * gets NOT_LEADER_OR_FOLLOWER, and an idempotent one can then loop on OutOfOrderSequence errors.
   * ListOffsets is answered by the leader itself, so its success means the partitions are served.
   */
  private boolean leadersServe(List<TopicSpec> topics) {
    try {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      session
          .admin()
          .describeTopics(topics.stream().map(TopicSpec::name).toList())
          .allTopicNames()
          .get(session.timeoutMs(), TimeUnit.MILLISECONDS)
          .forEach(
              (name, description) ->
                  description
                      .partitions()
                      .forEach(
                          p ->
                              request.put(
                                  new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      session.admin().listOffsets(request).all().get(session.timeoutMs(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.debug("Partitions of {} not yet served by their leaders: {}", topics, e.toString());
      return false;
    }
  }

  /** Closes the Admin client if this provisioner created it (bounded wait). */
  @Override
  public void close() {
    session.close();
  }

  private static void sort(
      TopicAction action,
      ApplyMode mode,
      boolean replanned,
      List<TopicAction> creates,
      List<TopicAction> updates,
      Map<String, TopicOutcome> outcomes) {
    String prefix = replanned ? REPLANNED : "";
    switch (action.kind()) {
      case UP_TO_DATE:
        outcomes.put(action.topic(), outcome(action, Status.UNCHANGED, prefix + "up to date"));
        break;
      case CONFLICT:
        outcomes.put(action.topic(), outcome(action, Status.CONFLICT, prefix + action.describe()));
        break;
      case CREATE:
        if (mode == ApplyMode.DRY_RUN) {
          outcomes.put(
              action.topic(),
              outcome(action, Status.SKIPPED, "dry run: would " + action.describe()));
        } else {
          creates.add(action);
        }
        break;
      default:
        if (mode == ApplyMode.APPLY || mode == ApplyMode.APPLY_ALLOW_REPARTITION) {
          updates.add(action);
        } else {
          String why = mode == ApplyMode.DRY_RUN ? "dry run: would " : "create-only: drift, not ";
          outcomes.put(
              action.topic(), outcome(action, Status.SKIPPED, prefix + why + action.describe()));
        }
    }
  }

  /** Creates topics in one call; returns the re-planned actions of topics that already existed. */
  private List<TopicAction> create(List<TopicAction> creates, Map<String, TopicOutcome> outcomes) {
    if (creates.isEmpty()) {
      return List.of();
    }
    List<NewTopic> newTopics = creates.stream().map(a -> newTopic(a.spec())).toList();
    Map<String, KafkaFuture<Void>> futures =
        session
            .admin()
            .createTopics(newTopics, new CreateTopicsOptions().timeoutMs(session.timeoutMs()))
            .values();
    long deadline = session.deadline();
    List<TopicAction> existed = new ArrayList<>();
    for (TopicAction action : creates) {
      String what = "createTopics [" + action.topic() + "]";
      try {
        session.await(futures.get(action.topic()), what, deadline);
        outcomes.put(
            action.topic(), outcome(action, Status.CREATED, "created: " + describeNew(action)));
        LOG.info("Created topic {}", action.topic());
      } catch (RatingsAdminException e) {
        if (e.getCause() instanceof TopicExistsException) {
          LOG.info("Topic {} was created concurrently; re-planning it", action.topic());
          existed.add(action);
        } else {
          outcomes.put(action.topic(), failed(action, e));
        }
      }
    }
    if (existed.isEmpty()) {
      return List.of();
    }
    try {
      return plan(existed.stream().map(TopicAction::spec).toList()).actions();
    } catch (RatingsAdminException e) {
      existed.forEach(action -> outcomes.put(action.topic(), failed(action, e)));
      return List.of();
    }
  }

  private void update(
      List<TopicAction> updates,
      Map<String, TopicOutcome> outcomes,
      Set<String> replanned,
      boolean allowRepartition) {
    if (updates.isEmpty()) {
      return;
    }
    Map<String, RatingsAdminException> errors = new HashMap<>();
    Map<String, NewPartitions> partitions = new LinkedHashMap<>();
    Map<ConfigResource, Collection<AlterConfigOp>> configs = new LinkedHashMap<>();
    Set<String> blocked = new HashSet<>();
    for (TopicAction action : updates) {
      if (action.repartitionsKeyedTopic() && !allowRepartition) {
        blocked.add(action.topic());
      } else {
        action
            .partitionChange()
            .ifPresent(c -> partitions.put(action.topic(), NewPartitions.increaseTo(c.to())));
      }
      if (!action.configChanges().isEmpty()) {
        configs.put(
            new ConfigResource(ConfigResource.Type.TOPIC, action.topic()),
            action.configChanges().stream()
                .map(
                    c ->
                        new AlterConfigOp(
                            new ConfigEntry(c.key(), c.wantedValue()), AlterConfigOp.OpType.SET))
                .toList());
      }
    }
    if (!partitions.isEmpty()) {
      Map<String, KafkaFuture<Void>> futures =
          session
              .admin()
              .createPartitions(
                  partitions, new CreatePartitionsOptions().timeoutMs(session.timeoutMs()))
              .values();
      awaitEach(futures, "createPartitions", errors);
    }
    if (!configs.isEmpty()) {
      Map<String, KafkaFuture<Void>> futures = new LinkedHashMap<>();
      session
          .admin()
          .incrementalAlterConfigs(
              configs, new AlterConfigsOptions().timeoutMs(session.timeoutMs()))
          .values()
          .forEach((resource, future) -> futures.put(resource.name(), future));
      awaitEach(futures, "incrementalAlterConfigs", errors);
    }
    for (TopicAction action : updates) {
      RatingsAdminException error = errors.get(action.topic());
      if (error != null) {
        outcomes.put(action.topic(), failed(action, error));
      } else if (blocked.contains(action.topic())) {
        String detail =
            (replanned.contains(action.topic()) ? REPLANNED : "") + blockedDetail(action);
        outcomes.put(action.topic(), outcome(action, Status.BLOCKED, detail));
        LOG.warn("Topic {}: {}", action.topic(), detail);
      } else {
        outcomes.put(
            action.topic(),
            outcome(
                action,
                Status.UPDATED,
                (replanned.contains(action.topic()) ? REPLANNED : "")
                    + "updated: "
                    + action.describe()));
        LOG.info("Updated topic {}: {}", action.topic(), action.describe());
      }
    }
  }

  /** Why a keyed topic's partitions were not added, what was done instead, and how to allow it. */
  static String blockedDetail(TopicAction action) {
    TopicAction.PartitionChange change = action.partitionChange().orElseThrow();
    String configs =
        action.configChanges().isEmpty()
            ? ""
            : "altered "
                + action.configChanges().stream()
                    .map(TopicAction.ConfigChange::describe)
                    .collect(java.util.stream.Collectors.joining(", "))
                + "; ";
    return configs
        + "blocked: partitions not added "
        + change.from()
        + " -> "
        + change.to()
        + ": '"
        + action.topic()
        + "' is keyed, and adding partitions moves most keys (users) to other partitions, so"
        + " their new records may be consumed before their old ones (per-key order breaks);"
        + " allow it explicitly with ApplyMode.APPLY_ALLOW_REPARTITION (CLI: create-topics"
        + " --reconcile --allow-repartition), ideally with the producers stopped and the"
        + " consumers caught up";
  }

  private void awaitEach(
      Map<String, KafkaFuture<Void>> futures,
      String call,
      Map<String, RatingsAdminException> errors) {
    long deadline = session.deadline();
    futures.forEach(
        (topic, future) -> {
          try {
            session.await(future, call + " [" + topic + "]", deadline);
          } catch (RatingsAdminException e) {
            errors.merge(
                topic,
                e,
                (first, second) -> {
                  first.addSuppressed(second);
                  return first;
                });
          }
        });
  }

  private static NewTopic newTopic(TopicSpec spec) {
    Optional<Short> replication =
        spec.usesBrokerDefaultReplication()
            ? Optional.empty()
            : Optional.of((short) spec.replicationFactor());
    return new NewTopic(spec.name(), Optional.of(spec.partitions()), replication)
        .configs(spec.configs());
  }

  private static String describeNew(TopicAction action) {
    return action.describe().replaceFirst("^create with ", "");
  }

  static TopicState toState(TopicDescription description, Config config) {
    int replication =
        description.partitions().stream()
            .map(TopicPartitionInfo::replicas)
            .mapToInt(List::size)
            .max()
            .orElse(0);
    Map<String, TopicState.ConfigValue> values = new HashMap<>();
    if (config != null) {
      for (ConfigEntry entry : config.entries()) {
        values.put(entry.name(), new TopicState.ConfigValue(entry.value(), entry.source()));
      }
    }
    return new TopicState(description.name(), description.partitions().size(), replication, values);
  }

  private static TopicOutcome outcome(TopicAction action, Status status, String detail) {
    return new TopicOutcome(action, status, detail, Optional.empty());
  }

  private static TopicOutcome failed(TopicAction action, RatingsAdminException error) {
    LOG.warn("Provisioning topic {} failed: {}", action.topic(), error.getMessage());
    return new TopicOutcome(action, Status.FAILED, error.getMessage(), Optional.of(error));
  }
}
