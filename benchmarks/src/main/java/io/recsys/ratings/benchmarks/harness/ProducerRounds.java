package io.recsys.ratings.benchmarks.harness;

/**
 * The producer part of a round: Kafka's ProducerPerformance, RatingProducer.submit and
 * RatingProducer.send, each sending the rounds' record count to the rounds' topic with the same
 * settings and the same JSON events; which goes first alternates from round to round.
 */
final class ProducerRounds {

  /**
   * One round's producer runs.
   *
   * @param producerPerformance Kafka's ProducerPerformance
   * @param ratingProducer RatingProducer.submit
   * @param ratingProducerSend RatingProducer.send
   */
  record Result(
      ToolProducerRun producerPerformance,
      SdkProducerRun ratingProducer,
      SdkProducerRun ratingProducerSend) {}

  private final Launcher launcher;

  ProducerRounds(Launcher launcher) {
    this.launcher = launcher;
  }

  Result run(int round) throws Exception {
    ToolProducerRun tool;
    SdkProducerRun submit;
    SdkProducerRun send;
    if (round % 2 == 1) { // the tool first in odd rounds
      tool = tool(round);
      submit = sdk(round, ProducerWorkers.Api.SUBMIT);
      send = sdk(round, ProducerWorkers.Api.SEND);
    } else {
      send = sdk(round, ProducerWorkers.Api.SEND);
      submit = sdk(round, ProducerWorkers.Api.SUBMIT);
      tool = tool(round);
    }
    return new Result(tool, submit, send);
  }

  private ToolProducerRun tool(int round) throws Exception {
    ToolProducerRun r =
        launcher.producerPerformance(
            "producer-performance-" + round, Harness.TOPIC, launcher.options().records, -1);
    launcher.logProducer("ProducerPerformance", "round " + round, r.figures());
    return r;
  }

  private SdkProducerRun sdk(int round, ProducerWorkers.Api api) throws Exception {
    SdkProducerRun r =
        launcher.ratingProducer(
            "rating-producer-" + api.argument() + "-round-" + round + "-t1",
            launcher.options().records,
            1,
            api,
            0);
    launcher.logProducer("RatingProducer." + api.argument(), "round " + round, r.figures());
    return r;
  }
}
