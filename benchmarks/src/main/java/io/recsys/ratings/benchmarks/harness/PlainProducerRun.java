package io.recsys.ratings.benchmarks.harness;

/**
 * One run of the plain {@code KafkaProducer} worker, the baseline of the scaling runs.
 *
 * @param records events sent (every one acknowledged, or the worker fails)
 * @param threads sending threads
 * @param seconds first send to the end of flush
 * @param recordsPerSec records per second
 * @param mbPerSec MB of values per second
 */
record PlainProducerRun(
    int records, int threads, double seconds, double recordsPerSec, double mbPerSec) {}
