package io.recsys.ratings.spark;

import io.recsys.ratings.schema.RatingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ratings with known structure: every user and movie has a latent vector of {@code rank} Gaussian
 * factors; a rating is {@code 3 + u·v + noise}, clipped to 0.5..5 and rounded to a half star.
 * {@link #oracleRmse()} is the RMSE of the noise-free truth {@code clip(3 + u·v)} against the
 * generated ratings: what a perfect model could reach.
 */
final class LowRankRatings {
  final List<RatingEvent> events = new ArrayList<>();
  private double oracleSquaredError;
  private double ratingSum;
  private double ratingSquares;

  LowRankRatings(long seed, int users, int movies, int rank, int perUser, double noise) {
    SplittableRandom r = new SplittableRandom(seed);
    double scale = 1.0 / Math.sqrt(rank);
    double[][] u = factors(r, users, rank, Math.sqrt(scale * 1.2));
    double[][] v = factors(r, movies, rank, Math.sqrt(scale * 1.2));
    long ts = 1_600_000_000_000L;
    for (int user = 0; user < users; user++) {
      boolean[] seen = new boolean[movies];
      for (int k = 0; k < perUser; k++) {
        int movie = r.nextInt(movies);
        if (seen[movie]) {
          continue;
        }
        seen[movie] = true;
        double dot = 0;
        for (int f = 0; f < rank; f++) {
          dot += u[user][f] * v[movie][f];
        }
        double truth = clip(3.0 + dot);
        double rating = clip(Math.round((3.0 + dot + noise * gaussian(r)) * 2) / 2.0);
        events.add(new RatingEvent(user + 1, movie + 1, rating, ts += 1000));
        oracleSquaredError += (truth - rating) * (truth - rating);
        ratingSum += rating;
        ratingSquares += rating * rating;
      }
    }
  }

  /** RMSE of the noise-free truth against the ratings. */
  double oracleRmse() {
    return Math.sqrt(oracleSquaredError / events.size());
  }

  /** RMSE of always predicting the mean rating (the standard deviation). */
  double meanBaselineRmse() {
    double mean = ratingSum / events.size();
    return Math.sqrt(ratingSquares / events.size() - mean * mean);
  }

  private static double[][] factors(SplittableRandom r, int n, int rank, double sd) {
    double[][] out = new double[n][rank];
    for (double[] row : out) {
      for (int f = 0; f < rank; f++) {
        row[f] = sd * gaussian(r);
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17
    double a = 1.0 - r.nextDouble();
    double b = r.nextDouble();
    return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
  }

  private static double clip(double x) {
    return Math.max(0.5, Math.min(5.0, x));
  }
}
