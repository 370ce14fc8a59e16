package org.papersift.core.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.papersift.core.account.Vote;

class TrendingTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private static Vote vote(long user, String paper, Duration age) {
    return new Vote(user, paper, NOW.minus(age));
  }

  private static Duration days(double d) {
    return Duration.ofSeconds(Math.round(d * 86_400));
  }

  @Test
  void aVoteHalvesEveryTwoDays() {
    List<TrendingScore> r = Trending.rank(List.of(
        vote(1, "fresh", Duration.ZERO),
        vote(1, "two-days", days(2)),
        vote(1, "four-days", days(4)),
        vote(1, "one-day", days(1)),
        vote(1, "thirteen-days", days(13))), NOW);
    assertThat(r).extracting(TrendingScore::paperId).containsExactly(
        "fresh", "one-day", "two-days", "four-days", "thirteen-days");
    assertThat(r.get(0).score()).isEqualTo(1.0);
    assertThat(r.get(1).score()).isCloseTo(Math.sqrt(0.5), within(1e-12)); // 0.7071...
    assertThat(r.get(2).score()).isCloseTo(0.5, within(1e-12));
    assertThat(r.get(3).score()).isCloseTo(0.25, within(1e-12));
    assertThat(r.get(4).score()).isCloseTo(Math.pow(0.5, 6.5), within(1e-12)); // 0.01105...
    assertThat(r).allSatisfy(s -> assertThat(s.votes()).isEqualTo(1));
  }

  @Test
  void votesOfAPaperAddUp() {
    List<TrendingScore> r = Trending.rank(List.of(
        vote(1, "p", Duration.ZERO), vote(2, "p", days(2)), vote(3, "p", days(4)),
        vote(1, "q", days(1))), NOW);
    assertThat(r.get(0)).isEqualTo(new TrendingScore("p", 1.75, 3));
    assertThat(r.get(1).paperId()).isEqualTo("q");
    assertThat(r.get(1).score()).isCloseTo(0.70710678, within(1e-8));
  }

  @Test
  void onlyVotesYoungerThanTheWindowCount() {
    List<TrendingScore> r = Trending.rank(List.of(
        vote(1, "edge", Duration.ofDays(14)),
        vote(1, "older", Duration.ofDays(30)),
        vote(1, "inside", Duration.ofDays(14).minusSeconds(1)),
        vote(2, "inside", Duration.ofDays(14))), NOW);
    assertThat(r).hasSize(1);
    assertThat(r.get(0).paperId()).isEqualTo("inside");
    assertThat(r.get(0).votes()).isEqualTo(1);
    assertThat(r.get(0).score()).isCloseTo(1.0 / 128, within(1e-6));
  }

  @Test
  void votesFromTheFutureCountAsNew() {
    List<TrendingScore> r = Trending.rank(List.of(
        new Vote(1, "ahead", NOW.plus(Duration.ofHours(3)))), NOW);
    assertThat(r).containsExactly(new TrendingScore("ahead", 1.0, 1));
  }

  @Test
  void equalScoresGoToMoreVotesThenToTheSmallerId() {
    // One vote now (1.0) ties with two votes two days old (0.5 + 0.5).
    List<TrendingScore> r = Trending.rank(List.of(
        vote(1, "b-one-fresh", Duration.ZERO),
        vote(1, "c-two-old", days(2)), vote(2, "c-two-old", days(2)),
        vote(2, "a-one-fresh", Duration.ZERO)), NOW);
    assertThat(r).extracting(TrendingScore::paperId)
        .containsExactly("c-two-old", "a-one-fresh", "b-one-fresh");
    assertThat(r.get(0).score()).isEqualTo(1.0);
  }

  @Test
  void theOrderOfTheVotesDoesNotChangeTheScores() {
    List<Vote> votes = new ArrayList<>();
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      Duration age = Duration.ofMinutes(random.nextInt(14 * 24 * 60));
      votes.add(vote(i, "x", age));
      votes.add(vote(i, "y", age));
    }
    List<Vote> shuffled = new ArrayList<>(votes);
    Collections.shuffle(shuffled, random);
    List<TrendingScore> a = Trending.rank(votes, NOW);
    List<TrendingScore> b = Trending.rank(shuffled, NOW);
    assertThat(a).isEqualTo(b);
    // x and y have the very same votes: an exact tie, broken by id.
    assertThat(a.get(0).score()).isEqualTo(a.get(1).score());
    assertThat(a).extracting(TrendingScore::paperId).containsExactly("x", "y");
  }

  @Test
  void noVotesNoTrending() {
    assertThat(Trending.rank(List.of(), NOW)).isEmpty();
  }

  @Test
  void theFormulaSaysTheRule() {
    assertThat(Trending.FORMULA)
        .contains("last 14 days")
        .contains("0.5^(age in days / 2)")
        .contains("0.5 after 2 days")
        .contains("0.25 after 4")
        .contains("number of votes");
  }
}
