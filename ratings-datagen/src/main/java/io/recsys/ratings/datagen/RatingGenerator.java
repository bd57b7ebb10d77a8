package io.recsys.ratings.datagen;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Seeded, reproducible synthetic ratings shaped like MovieLens 20M, for tests and benchmarks.
 *
 * <p>What it reproduces (figures from the published ml-20m statistics):
 *
 * <ul>
 *   <li><b>Ratings:</b> the half-star distribution of ml-20m exactly in expectation (0.5: 1.20%,
 *       1.0: 3.40%, 1.5: 1.40%, 2.0: 7.15%, 2.5: 4.42%, 3.0: 21.46%, 3.5: 11.00%, 4.0: 27.81%, 4.5:
 *       7.67%, 5.0: 14.49%), so the mean is about 3.53 and whole stars are about 74%.
 *   <li><b>Movies:</b> a sparse id set (by default 20.4% of the id range, i.e. 26,744 ids in
 *       1..131,262 for {@link RatingBounds#ML_20M}), with long-tailed popularity: the movie of
 *       popularity rank {@code r} has weight {@code exp(-(r / λ)^0.43)}, {@code λ = 100 × movies /
 *       26,744}. This stretched-exponential curve is fitted to ml-20m (the most-rated movie gets
 *       about 0.35% of all ratings, the median movie about 0.0001%, a quarter of the movies a
 *       handful per 20 million); a pure Zipf law cannot match both the head and the tail.
 *   <li><b>Users:</b> dense ids from {@code minUserId}, by default every id of the range (138,493
 *       for ml-20m, at most 1,000,000); activity weight {@code 20 + min(X, 9234)} with {@code X}
 *       log-normal (median 48, mean 124), i.e. every user at least 20 ratings' worth, about 144 on
 *       average, a few users thousands.
 *   <li><b>Timestamps:</b> epoch milliseconds, strictly increasing, starting at 1995-01-09 by
 *       default, with exponential gaps of mean 32 s (20 million ratings span about 20 years).
 * </ul>
 *
 * <p>Every event of {@link #next()} is valid for the generator's bounds. {@link #nextPayload()}
 * returns encoded Kafka payloads, of which a chosen share is invalid (valid JSON, values out of
 * range) or malformed (not a rating: broken JSON, wrong types, empty or binary bytes), each tagged
 * with the {@link DecodeResult.Kind} that {@link RatingCodec} gives it under the same bounds.
 *
 * <p>The same seed and settings give the same sequence on every JVM. Drawing is O(1) per event
 * (alias tables); a million events take well under a second. Not thread-safe: use one generator per
 * thread (e.g. seeds {@code seed + thread}).
 */
public final class RatingGenerator {
  private static final double[] RATINGS = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0};

  /** ml-20m rating counts per half star (they sum to 20,000,263). */
  private static final double[] ML_20M_COUNTS = {
    239_125, 680_732, 279_252, 1_430_997, 883_398, 4_291_193, 2_200_156, 5_561_926, 1_534_824,
    2_898_660
  };

  private static final double MOVIE_DENSITY = 26_744.0 / 131_262.0;
  private static final double POPULARITY_SHAPE = 0.43;
  private static final double POPULARITY_SCALE_PER_MOVIE = 100.0 / 26_744.0;
  private static final int MAX_DEFAULT_COUNT = 1_000_000;

  /** 1995-01-09T00:00:00Z, the first ml-20m rating day. */
  public static final Instant DEFAULT_START = Instant.parse("1995-01-09T00:00:00Z");

  /** Mean gap between consecutive timestamps by default. */
  public static final Duration DEFAULT_MEAN_GAP = Duration.ofMillis(32_000);

  private final RatingBounds bounds;
  private final double invalidShare;
  private final double malformedShare;
  private final double meanGapMs;
  private final SplittableRandom random;
  private final AliasTable ratingTable = new AliasTable(ML_20M_COUNTS);
  private final AliasTable movieTable;
  private final int[] movieIdByRank;
  private final AliasTable userTable;
  private final RatingCodec codec;
  private long timestamp;

  private RatingGenerator(Builder b) {
    this.bounds = b.bounds;
    this.invalidShare = b.invalidShare;
    this.malformedShare = b.malformedShare;
    this.meanGapMs = Math.max(0, b.meanGap.toMillis() - 1);
    this.timestamp = b.start.toEpochMilli() - 1;
    SplittableRandom setup = new SplittableRandom(b.seed);
    long movieRange = (long) bounds.maxMovieId() - bounds.minMovieId() + 1;
    long userRange = (long) bounds.maxUserId() - bounds.minUserId() + 1;
    int movies = b.movies > 0 ? b.movies : defaultMovies(movieRange);
    int users = b.users > 0 ? b.users : (int) Math.min(userRange, MAX_DEFAULT_COUNT);
    if (movies > movieRange) {
      throw new IllegalArgumentException(
          "movies must be at most the movie id range " + movieRange + ", got " + movies);
    }
    if (users > userRange) {
      throw new IllegalArgumentException(
          "users must be at most the user id range " + userRange + ", got " + users);
    }
    this.movieIdByRank = sparseIds(setup.split(), bounds.minMovieId(), movieRange, movies);
    this.movieTable = new AliasTable(popularity(movies));
    this.userTable = new AliasTable(activity(setup.split(), users));
    this.random = setup.split();
    this.codec = RatingCodec.of(RatingValidator.of(bounds));
  }

  /**
   * A generator with the default settings ({@link RatingBounds#ML_20M}, only valid payloads).
   *
   * @param seed the seed; the same seed gives the same events
   * @return a new generator
   */
  public static RatingGenerator of(long seed) {
    return builder().seed(seed).build();
  }

  /**
   * A builder with defaults: seed 42, {@link RatingBounds#ML_20M}, default user and movie counts,
   * start {@link #DEFAULT_START}, mean gap {@link #DEFAULT_MEAN_GAP}, no invalid or malformed
   * payloads.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static int defaultMovies(long movieRange) {
    return (int) Math.max(1, Math.min(Math.round(movieRange * MOVIE_DENSITY), MAX_DEFAULT_COUNT));
  }

  /** {@code count} distinct ids of {@code [min, min + range)}, in random order (rank order). */
  private static int[] sparseIds(SplittableRandom r, int min, long range, int count) {
    int[] ids = new int[count];
    if (range <= 4L * count) {
      int[] all = new int[(int) range];
      for (int i = 0; i < all.length; i++) {
        all[i] = min + i;
      }
      for (int i = 0; i < count; i++) {
        int j = i + r.nextInt(all.length - i);
        int t = all[i];
        all[i] = all[j];
        all[j] = t;
        ids[i] = all[i];
      }
      return ids;
    }
    // Stratified: one id per equal slice of the range, so ids are distinct and spread over the
    // whole range; then shuffled so that popularity does not follow the id order.
    for (int i = 0; i < count; i++) {
      long from = range * i / count;
      long to = range * (i + 1) / count;
      ids[i] = (int) (min + from + r.nextLong(to - from));
    }
    for (int i = count - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    return ids;
  }

  private static double[] popularity(int movies) {
    double lambda = Math.max(1.0, POPULARITY_SCALE_PER_MOVIE * movies);
    double[] w = new double[movies];
    for (int rank = 0; rank < movies; rank++) {
      w[rank] = Math.exp(-Math.pow(rank / lambda, POPULARITY_SHAPE));
    }
    return w;
  }

  private static double[] activity(SplittableRandom r, int users) {
    // log-normal with median 48 and mean 124: mu = ln 48, sigma^2 = 2 ln(124 / 48)
    double mu = Math.log(48);
    double sigma = Math.sqrt(2 * Math.log(124.0 / 48.0));
    double[] w = new double[users];
    for (int u = 0; u < users; u++) {
      w[u] = 20 + Math.min(Math.exp(mu + sigma * gaussian(r)), 9_234);
    }
    return w;
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller, one value per call (setup only, so simplicity wins)
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * The bounds every valid event lies within.
   *
   * @return the bounds
   */
  public RatingBounds bounds() {
    return bounds;
  }

  /**
   * The number of distinct movie ids the generator draws from.
   *
   * @return the movie count
   */
  public int movieCount() {
    return movieIdByRank.length;
  }

  /**
   * The number of distinct user ids the generator draws from (dense from {@code minUserId}).
   *
   * @return the user count
   */
  public int userCount() {
    return userTable.size();
  }

  /**
   * The next valid event; its timestamp is greater than the previous one's.
   *
   * @return a valid event
   */
  public RatingEvent next() {
    int user = bounds.minUserId() + userTable.sample(random);
    int movie = movieIdByRank[movieTable.sample(random)];
    double rating = RATINGS[ratingTable.sample(random)];
    long gap = 1 + (long) (-meanGapMs * Math.log(1.0 - random.nextDouble()));
    timestamp += gap;
    return new RatingEvent(user, movie, rating, timestamp);
  }

  /**
   * The next {@code n} valid events, in a list.
   *
   * @param n how many, at least 0
   * @return a new mutable list of {@code n} events
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public List<RatingEvent> generate(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be at least 0, got " + n);
    }
    List<RatingEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      events.add(next());
    }
    return events;
  }

  /**
   * The next {@code n} valid events as a sequential, lazy stream (drawn as it is consumed).
   *
   * @param n how many, at least 0
   * @return a stream of {@code n} events
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public Stream<RatingEvent> stream(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be at least 0, got " + n);
    }
    return Stream.generate(this::next).limit(n);
  }

  /**
   * The next payload: with probability {@code invalidShare} an invalid one, with probability {@code
   * malformedShare} a malformed one, otherwise a valid encoded event.
   *
   * @return a payload tagged with the kind the codec will give it
   */
  public Payload nextPayload() {
    RatingEvent event = next();
    byte[] key = Integer.toString(event.userId()).getBytes(StandardCharsets.US_ASCII);
    double u = random.nextDouble();
    if (u < malformedShare) {
      return malformed(key, event);
    }
    if (u < malformedShare + invalidShare) {
      return invalid(key, event);
    }
    return new Payload(key, codec.encode(event), DecodeResult.Kind.VALID, event, "valid");
  }

  /**
   * The next {@code n} payloads, see {@link #nextPayload()}.
   *
   * @param n how many, at least 0
   * @return a new mutable list of {@code n} payloads
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public List<Payload> payloads(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be at least 0, got " + n);
    }
    List<Payload> payloads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      payloads.add(nextPayload());
    }
    return payloads;
  }

  private Payload invalid(byte[] key, RatingEvent e) {
    int variant = random.nextInt(6);
    RatingEvent bad;
    String what;
    switch (variant) {
      case 0 -> {
        bad = new RatingEvent(e.userId(), e.movieId(), 5.5, e.timestamp());
        what = "rating above 5.0";
      }
      case 1 -> {
        bad = new RatingEvent(e.userId(), e.movieId(), 0.0, e.timestamp());
        what = "rating below 0.5";
      }
      case 2 -> {
        bad = new RatingEvent(e.userId(), e.movieId(), 3.25, e.timestamp());
        what = "rating not a multiple of 0.5";
      }
      case 3 -> {
        if (bounds.maxUserId() < Integer.MAX_VALUE) {
          bad = new RatingEvent(bounds.maxUserId() + 1, e.movieId(), e.rating(), e.timestamp());
          what = "userId above maxUserId";
        } else if (bounds.minUserId() > Integer.MIN_VALUE) {
          bad = new RatingEvent(bounds.minUserId() - 1, e.movieId(), e.rating(), e.timestamp());
          what = "userId below minUserId";
        } else {
          bad = new RatingEvent(e.userId(), e.movieId(), 7.0, e.timestamp());
          what = "rating above 5.0";
        }
      }
      case 4 -> {
        if (bounds.maxMovieId() < Integer.MAX_VALUE) {
          bad = new RatingEvent(e.userId(), bounds.maxMovieId() + 1, e.rating(), e.timestamp());
          what = "movieId above maxMovieId";
        } else if (bounds.minMovieId() > Integer.MIN_VALUE) {
          bad = new RatingEvent(e.userId(), bounds.minMovieId() - 1, e.rating(), e.timestamp());
          what = "movieId below minMovieId";
        } else {
          bad = new RatingEvent(e.userId(), e.movieId(), -1.0, e.timestamp());
          what = "rating below 0.5";
        }
      }
      default -> {
        bad = new RatingEvent(e.userId(), e.movieId(), e.rating(), -e.timestamp());
        what = "timestamp not positive";
      }
    }
    return new Payload(key, codec.encode(bad), DecodeResult.Kind.INVALID, bad, what);
  }

  private Payload malformed(byte[] key, RatingEvent e) {
    String json = codec.encodeToString(e);
    byte[] value;
    String what;
    switch (random.nextInt(7)) {
      case 0 -> {
        value = utf8(json.substring(0, 1 + random.nextInt(json.length() - 1)));
        what = "truncated JSON";
      }
      case 1 -> {
        value = utf8("userId=" + e.userId() + ";movieId=" + e.movieId() + ";rating=" + e.rating());
        what = "not JSON";
      }
      case 2 -> {
        value = utf8("{\"userId\":" + e.userId() + ",\"movieId\":" + e.movieId() + "}");
        what = "fields missing";
      }
      case 3 -> {
        value =
            utf8(
                "{\"userId\":"
                    + e.userId()
                    + ",\"movieId\":"
                    + e.movieId()
                    + ",\"rating\":\""
                    + e.rating()
                    + "\",\"timestamp\":"
                    + e.timestamp()
                    + "}");
        what = "rating is a string";
      }
      case 4 -> {
        value = new byte[0];
        what = "empty value";
      }
      case 5 -> {
        value = utf8("[" + json + "]");
        what = "JSON array, not an object";
      }
      default -> {
        value = new byte[1 + random.nextInt(32)];
        random.nextBytes(value);
        value[0] = (byte) 0xFF;
        what = "binary garbage";
      }
    }
    return new Payload(key, value, DecodeResult.Kind.MALFORMED, null, what);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * One Kafka record's key and value as a producer would send it, with what the consumer should
   * make of it. Arrays are not copied; equality is by identity of the arrays.
   *
   * @param key the record key: the userId as a decimal string
   * @param value the record value: encoded JSON, or bad bytes
   * @param expectedKind what {@link RatingCodec#decode(byte[])} returns for {@code value} under the
   *     generator's bounds
   * @param event the encoded event for VALID and INVALID, {@code null} for MALFORMED
   * @param variant a short description, e.g. {@code "rating above 5.0"} or {@code "truncated JSON"}
   */
  public record Payload(
      byte[] key, byte[] value, DecodeResult.Kind expectedKind, RatingEvent event, String variant) {

    /**
     * Checks the fields.
     *
     * @param key the record key
     * @param value the record value
     * @param expectedKind the expected decode kind
     * @param event the event, null only for MALFORMED
     * @param variant the description
     * @throws NullPointerException if a required field is null
     */
    public Payload {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(expectedKind, "expectedKind");
      Objects.requireNonNull(variant, "variant");
    }

    @Override
    public String toString() {
      return "Payload{"
          + expectedKind
          + ", "
          + variant
          + ", key="
          + (key == null ? "null" : new String(key, StandardCharsets.UTF_8))
          + ", "
          + value.length
          + " bytes}";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Payload p
          && Arrays.equals(key, p.key)
          && Arrays.equals(value, p.value)
          && expectedKind == p.expectedKind
          && Objects.equals(event, p.event)
          && variant.equals(p.variant);
    }

    @Override
    public int hashCode() {
      return Objects.hash(Arrays.hashCode(key), Arrays.hashCode(value), expectedKind, event);
    }
  }

  /** Settings of a {@link RatingGenerator}; every setter validates its value at once. */
  public static final class Builder {
    private long seed = 42;
    private RatingBounds bounds = RatingBounds.ML_20M;
    private int users;
    private int movies;
    private Instant start = DEFAULT_START;
    private Duration meanGap = DEFAULT_MEAN_GAP;
    private double invalidShare;
    private double malformedShare;

    private Builder() {}

    /**
     * The seed.
     *
     * @param seed any value (default 42)
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The bounds every valid event lies within; invalid payloads break them.
     *
     * @param bounds the bounds (default {@link RatingBounds#ML_20M})
     * @return this builder
     * @throws IllegalArgumentException if bounds is null
     */
    public Builder bounds(RatingBounds bounds) {
      if (bounds == null) {
        throw new IllegalArgumentException("bounds must not be null");
      }
      this.bounds = bounds;
      return this;
    }

    /**
     * The number of distinct users (dense ids from {@code minUserId}); checked against the bounds
     * in {@link #build()}.
     *
     * @param users 1 to 10,000,000 (default: the user id range, at most 1,000,000)
     * @return this builder
     * @throws IllegalArgumentException if outside 1..10,000,000
     */
    public Builder users(int users) {
      if (users < 1 || users > 10_000_000) {
        throw new IllegalArgumentException("users must be in 1..10000000, got " + users);
      }
      this.users = users;
      return this;
    }

    /**
     * The number of distinct movies (sparse ids within the movie range); checked against the bounds
     * in {@link #build()}.
     *
     * @param movies 1 to 10,000,000 (default: 20.4% of the movie id range, at most 1,000,000)
     * @return this builder
     * @throws IllegalArgumentException if outside 1..10,000,000
     */
    public Builder movies(int movies) {
      if (movies < 1 || movies > 10_000_000) {
        throw new IllegalArgumentException("movies must be in 1..10000000, got " + movies);
      }
      this.movies = movies;
      return this;
    }

    /**
     * The first timestamp (at or after this instant).
     *
     * @param start after the epoch (default {@link #DEFAULT_START})
     * @return this builder
     * @throws IllegalArgumentException if null or not after 1970-01-01T00:00:00Z
     */
    public Builder start(Instant start) {
      if (start == null || start.toEpochMilli() <= 0) {
        throw new IllegalArgumentException("start must be after the epoch, got " + start);
      }
      this.start = start;
      return this;
    }

    /**
     * The mean gap between consecutive timestamps (gaps are exponential, at least 1 ms).
     *
     * @param meanGap 1 ms to 1 day (default {@link #DEFAULT_MEAN_GAP})
     * @return this builder
     * @throws IllegalArgumentException if outside 1 ms..1 day
     */
    public Builder meanGap(Duration meanGap) {
      if (meanGap == null || meanGap.toMillis() < 1 || meanGap.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("meanGap must be in 1 ms..1 day, got " + meanGap);
      }
      this.meanGap = meanGap;
      return this;
    }

    /**
     * The share of {@link #nextPayload()} results that are invalid (valid JSON, a value out of
     * range).
     *
     * @param share 0.0 to 1.0, and with the malformed share at most 1.0 (default 0)
     * @return this builder
     * @throws IllegalArgumentException if outside 0..1 or the two shares add up to more than 1
     */
    public Builder invalidShare(double share) {
      checkShares(share, malformedShare, "invalidShare");
      this.invalidShare = share;
      return this;
    }

    /**
     * The share of {@link #nextPayload()} results that are malformed (not a rating event).
     *
     * @param share 0.0 to 1.0, and with the invalid share at most 1.0 (default 0)
     * @return this builder
     * @throws IllegalArgumentException if outside 0..1 or the two shares add up to more than 1
     */
    public Builder malformedShare(double share) {
      checkShares(share, invalidShare, "malformedShare");
      this.malformedShare = share;
      return this;
    }

    private static void checkShares(double share, double other, String name) {
      if (!(share >= 0.0 && share <= 1.0)) {
        throw new IllegalArgumentException(name + " must be in 0.0..1.0, got " + share);
      }
      if (share + other > 1.0 + 1e-12) {
        throw new IllegalArgumentException(
            "invalidShare + malformedShare must be at most 1.0, got " + (share + other));
      }
    }

    /**
     * Builds the generator (precomputes its tables: a few milliseconds for ml-20m sizes).
     *
     * @return a new generator
     * @throws IllegalArgumentException if users or movies exceed the id ranges of the bounds
     */
    public RatingGenerator build() {
      return new RatingGenerator(this);
    }
  }
}
