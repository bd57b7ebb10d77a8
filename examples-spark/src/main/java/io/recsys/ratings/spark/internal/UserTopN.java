package io.recsys.ratings.spark.internal;

import io.recsys.ratings.schema.RecommendedItem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Top-N per user on the executors: rows of {@code userId INT, features ARRAY<FLOAT>, movies
 * ARRAY<INT>} (the user's factors and rated movies) become rows of {@link #SCHEMA}, scored against
 * broadcast {@link ItemFactors} with the rated movies left out.
 *
 * @param items the broadcast item factors
 * @param n recommendations per user
 */
public record UserTopN(Broadcast<ItemFactors> items, int n)
    implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** The output rows: {@code userId, rank (1 is the best), movieId, score}. */
  public static final StructType SCHEMA =
      StructType.fromDDL("userId INT, rank INT, movieId INT, score DOUBLE");

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    ItemFactors factors = items.value();
    List<Row> out = new ArrayList<>();
    while (input.hasNext()) {
      Row r = input.next();
      int userId = r.getInt(0);
      float[] user = floats(r.getList(1));
      int[] seen =
          r.isNullAt(2)
              ? new int[0]
              : r.<Integer>getList(2).stream().mapToInt(Integer::intValue).sorted().toArray();
      List<RecommendedItem> top = factors.topK(user, seen, n);
      for (int i = 0; i < top.size(); i++) {
        out.add(RowFactory.create(userId, i + 1, top.get(i).movieId(), top.get(i).score()));
      }
    }
    return out.iterator();
  }

  /**
   * A Spark array of floats as a Java array.
   *
   * @param list the array column's value
   * @return the floats
   */
  public static float[] floats(List<Object> list) {
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).floatValue();
    }
    return out;
  }
}
