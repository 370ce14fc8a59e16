package org.papersift.core.trending;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.papersift.core.account.Vote;

/**
 * The trending rule: each upvote counts 1 when cast and half as much every {@link #HALF_LIFE}
 * after; votes {@link #WINDOW} old or older count nothing. Exponential decay needs no tuning per
 * site size and a paper's score only falls while nobody votes, so yesterday's hit makes room
 * without a cliff; the window bounds how many votes a ranking reads. Pure: callers pass the votes
 * and the time.
 */
public final class Trending {
  /** After this long a vote counts half as much. */
  public static final Duration HALF_LIFE = Duration.ofDays(2);
  /** Votes this old or older do not count (a vote at the edge would weigh 1/128). */
  public static final Duration WINDOW = Duration.ofDays(14);

  /** The rule in one sentence for readers; the trending page shows it. */
  public static final String FORMULA = "A paper's trending score is the sum of its upvotes from"
      + " the last " + WINDOW.toDays() + " days, each counting 0.5^(age in days / "
      + HALF_LIFE.toDays() + "), so a vote counts 1 when cast, 0.5 after " + HALF_LIFE.toDays()
      + " days and 0.25 after " + HALF_LIFE.multipliedBy(2).toDays() + ", and papers with equal"
      + " scores are ordered by their number of votes.";

  private Trending() {}

  /**
   * Every paper with a vote inside the window at {@code now}, highest score first; equal scores
   * go to more votes, then to the smaller paper id. A vote dated after {@code now} (clocks of
   * several servers) counts as cast now.
   */
  public static List<TrendingScore> rank(Collection<Vote> votes, Instant now) {
    Map<String, List<Double>> weights = new HashMap<>();
    for (Vote v : votes) {
      Duration age = Duration.between(v.at(), now);
      if (age.isNegative()) {
        age = Duration.ZERO;
      }
      if (age.compareTo(WINDOW) >= 0) {
        continue;
      }
      weights.computeIfAbsent(v.paperId(), k -> new ArrayList<>()).add(weight(age));
    }
    List<TrendingScore> out = new ArrayList<>(weights.size());
    weights.forEach((paper, w) -> {
      // Summed smallest first: the same votes always give the same double, whatever order
      // they came in, so equal scores are really equal and ties break as documented.
      w.sort(null);
      double score = 0;
      for (double x : w) {
        score += x;
      }
      out.add(new TrendingScore(paper, score, w.size()));
    });
    out.sort(Comparator.comparingDouble(TrendingScore::score).reversed()
        .thenComparing(Comparator.comparingInt(TrendingScore::votes).reversed())
        .thenComparing(TrendingScore::paperId));
    return out;
  }

  /** What one vote of this age counts: 1 at age 0, halved every half-life. */
  static double weight(Duration age) {
    return Math.pow(0.5, (double) age.toNanos() / HALF_LIFE.toNanos());
  }
}
