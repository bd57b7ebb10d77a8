package io.recsys.ratings.spark.internal;

import io.recsys.ratings.schema.RecommendedItem;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Scores users on the executors against broadcast item factors, with the movies each user has rated
 * left out.
 *
 * @param items the broadcast item factors
 * @param n movies per list
 */
public record ScoreUsers(Broadcast<ItemFactors> items, int n)
    implements FlatMapFunction<Iterator<ScoreUsers.Task>, ScoreUsers.Result> {
  private static final long serialVersionUID = 1L;

  /**
   * One user to score.
   *
   * @param userId the user
   * @param factors the user's factors
   * @param seen every movie the user has rated, ascending
   */
  public record Task(int userId, float[] factors, int[] seen) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * One user's list.
   *
   * @param userId the user
   * @param items the movies, best first
   */
  public record Result(int userId, List<RecommendedItem> items) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public Iterator<Result> call(Iterator<Task> tasks) {
    ItemFactors factors = items.value();
    List<Result> out = new ArrayList<>();
    while (tasks.hasNext()) {
      Task t = tasks.next();
      out.add(new Result(t.userId(), factors.topK(t.factors(), t.seen(), n)));
    }
    return out.iterator();
  }
}
