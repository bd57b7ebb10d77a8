package io.recsys.ratings.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Means and medians of harness figures. */
final class Stats {
  private Stats() {}

  /** The mean of a figure over the runs; NaN if there are none. */
  static <T> double mean(List<T> runs, ToDoubleFunction<T> figure) {
    if (runs.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (T r : runs) {
      sum += figure.applyAsDouble(r);
    }
    return sum / runs.size();
  }

  /** The median; NaN if there are no values. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
