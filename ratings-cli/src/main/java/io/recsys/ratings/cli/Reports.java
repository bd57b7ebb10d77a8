package io.recsys.ratings.cli;

import io.recsys.ratings.client.LatencySummary;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Number formatting shared by the summaries. */
final class Reports {

  private Reports() {}

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f events/s", perSecond);
  }

  static String percent(double pct) {
    return String.format(Locale.ROOT, "%.2f%%", pct);
  }

  static String share(long part, long total) {
    return percent(total == 0 ? 0 : 100.0 * part / total);
  }

  static String latencyText(LatencySummary l) {
    if (l == null || l.count() == 0) {
      return "-";
    }
    return String.format(
        Locale.ROOT,
        "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
        l.p50Ms(),
        l.p95Ms(),
        l.p99Ms(),
        l.maxMs());
  }

  static Map<String, Object> latencyJson(LatencySummary l) {
    LatencySummary s = l == null ? LatencySummary.EMPTY : l;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("count", s.count());
    json.put("mean", s.meanMs());
    json.put("p50", s.p50Ms());
    json.put("p95", s.p95Ms());
    json.put("p99", s.p99Ms());
    json.put("p999", s.p999Ms());
    json.put("max", s.maxMs());
    return json;
  }
}
