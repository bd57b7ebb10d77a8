package io.recsys.ratings.spark;

import io.recsys.ratings.schema.MovieLensCsv;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training ratings (a CSV for the ALS job) and a later stream of ratings for the recommendation
 * job, from {@link LowRankRatings}: three quarters of each user's ratings train the model, the rest
 * arrive on the topic, with users and a movie the model does not know and bad records mixed in.
 */
final class RecommendationTestData {
  static final int UNKNOWN_USERS = 25;
  static final int FIRST_UNKNOWN_USER = 100_001;
  static final int UNKNOWN_MOVIE = 99_999;

  final List<RatingEvent> training = new ArrayList<>();
  final List<RatingEvent> stream = new ArrayList<>();
  final List<byte[][]> records = new ArrayList<>();
  final int invalid;
  final int malformed;
  final double meanBaselineRmse;

  RecommendationTestData(long seed, int users, int movies, int perUser) {
    LowRankRatings data = new LowRankRatings(seed, users, movies, 3, perUser, 0.25);
    meanBaselineRmse = data.meanBaselineRmse();
    for (int i = 0; i < data.events.size(); i++) {
      (i % 4 == 3 ? stream : training).add(data.events.get(i));
    }
    long ts = stream.stream().mapToLong(RatingEvent::timestamp).max().orElse(1) + 1;
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int u = 0; u < UNKNOWN_USERS; u++) {
      for (int k = 0; k < 3; k++) {
        stream.add(
            new RatingEvent(
                FIRST_UNKNOWN_USER + u, 1 + k * 7 + r.nextInt(5), 0.5 + r.nextInt(10) / 2.0, ts++));
      }
    }
    stream.add(new RatingEvent(1, UNKNOWN_MOVIE, 4.0, ts++));
    stream.sort(Comparator.comparingLong(RatingEvent::timestamp));
    RatingCodec codec = RatingCodec.defaults();
    for (int i = 0; i < stream.size(); i++) {
      RatingEvent e = stream.get(i);
      records.add(new byte[][] {key(e.userId()), codec.encode(e)});
      if (i % 97 == 5) {
        records.add(
            new byte[][] {key(e.userId()), codec.encode(new RatingEvent(e.userId(), 3, 7.5, 1L))});
      }
      if (i % 131 == 7) {
        records.add(new byte[][] {null, "{\"userId\":".getBytes(StandardCharsets.UTF_8)});
      }
    }
    invalid =
        (int) java.util.stream.IntStream.range(0, stream.size()).filter(i -> i % 97 == 5).count();
    malformed =
        (int) java.util.stream.IntStream.range(0, stream.size()).filter(i -> i % 131 == 7).count();
  }

  static byte[] key(int userId) {
    return Integer.toString(userId).getBytes(StandardCharsets.US_ASCII);
  }

  Path writeTrainingCsv(Path dir) throws java.io.IOException {
    Path csv = dir.resolve("training.csv");
    try (MovieLensCsv.LineWriter w = MovieLensCsv.create(csv)) {
      for (RatingEvent e : training) {
        w.write(e);
      }
    }
    return csv;
  }

  private Map<Integer, Set<Integer>> trainingRated;

  /** Movies each user rated in training. */
  synchronized Map<Integer, Set<Integer>> trainingRated() {
    if (trainingRated == null) {
      trainingRated = new HashMap<>();
      for (RatingEvent e : training) {
        trainingRated.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.movieId());
      }
    }
    return trainingRated;
  }

  /** Movies a user rated in training or on the stream at or before a time. */
  Set<Integer> ratedBy(int userId, long upTo) {
    Set<Integer> out = new HashSet<>(trainingRated().getOrDefault(userId, Set.of()));
    for (RatingEvent e : stream) {
      if (e.userId() == userId && e.timestamp() <= upTo) {
        out.add(e.movieId());
      }
    }
    return out;
  }
}
