package org.papersift.app.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.recommend.Recommendations.ForYou;
import org.papersift.app.recommend.Recommendations.Recommended;
import org.papersift.core.paper.Paper;

/**
 * Recommendations over a real data directory (SQLite store, Lucene index with HNSW vectors) of
 * papers in two topics with synthetic vectors: ids 2503.1xxxx are topic A, 2503.2xxxx topic B.
 */
class RecommendationsTest {
  static final Instant NOW = Instant.parse("2025-04-01T12:00:00Z");
  static final LocalDate DAY0 = LocalDate.of(2025, 3, 1);
  static final int PER_TOPIC = 40;

  @TempDir Path dir;
  Papersift app;
  Recommendations recs;

  @BeforeEach
  void open() {
    app = Papersift.open(new DataDir(dir));
    TopicVectors topics = new TopicVectors(7, app.semantic().model().dimension(), 2);
    List<Paper> papers = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < PER_TOPIC; i++) {
      for (int t = 0; t < 2; t++) {
        papers.add(paper(id(t, i), DAY0.plusDays(i % 20)));
        vectors.add(topics.member(t));
      }
    }
    app.store().upsertAll(papers);
    app.store().upsert(paper("2503.30001", DAY0)); // never embedded
    TopicVectors.save(app, papers, vectors);
    app.catchUpIndex(n -> { });
    recs = new Recommendations(app);
  }

  @AfterEach
  void close() {
    app.close();
  }

  static String id(int topic, int i) {
    return String.format("2503.%d%04d", topic + 1, i);
  }

  static Paper paper(String id, LocalDate published) {
    return Paper.of(id, "Paper " + id).withAbstract("About " + id + ".")
        .withPublished(published);
  }

  private long user(String email) {
    return app.users().createUser(email, "hash", NOW).orElseThrow().id();
  }

  private static List<String> ids(ForYou f) {
    return f.papers().stream().map(Recommended::paperId).toList();
  }

  @Test
  void aReaderOfTopicAGetsTopicAPapersFirstNotTheirOwn() {
    long u = user("a@example.org");
    for (int i = 0; i < 4; i++) {
      app.users().save(u, id(0, i), "", NOW);
    }
    app.users().vote(u, id(0, 4), NOW);
    ForYou f = recs.forYou(u, 20, null);
    assertThat(f.notes()).isEmpty();
    assertThat(f.positives()).isEqualTo(5);
    assertThat(ids(f)).hasSize(20).allMatch(id -> id.startsWith("2503.1"))
        .doesNotContain(id(0, 0), id(0, 1), id(0, 2), id(0, 3), id(0, 4));
    assertThat(f.papers()).isSortedAccordingTo(
        (a, b) -> Double.compare(b.score(), a.score()));
    // Past the topic's 35 unseen papers come topic B's.
    ForYou all = recs.forYou(u, 60, null);
    assertThat(ids(all).subList(0, 35)).allMatch(id -> id.startsWith("2503.1"));
    assertThat(ids(all).subList(35, 60)).allMatch(id -> id.startsWith("2503.2"));
  }

  @Test
  void trainsOnceAndRetrainsOnlyWhenTheReadersPapersChange() {
    long u = user("a@example.org");
    app.users().save(u, id(1, 0), "", NOW);
    app.users().save(u, id(1, 1), "", NOW);
    ForYou first = recs.forYou(u, 10, null);
    assertThat(recs.trainings()).isEqualTo(1);
    assertThat(ids(first)).allMatch(id -> id.startsWith("2503.2"));

    assertThat(recs.forYou(u, 10, null)).isEqualTo(first);
    assertThat(recs.forYou(u, 5, LocalDate.of(2025, 3, 10)).papers()).hasSize(5);
    assertThat(recs.trainings()).as("same papers: the cached model").isEqualTo(1);

    app.users().save(u, id(1, 2), "a note changes nothing", NOW);
    recs.forYou(u, 10, null);
    assertThat(recs.trainings()).isEqualTo(2);
    app.users().save(u, id(1, 2), "another note", NOW);
    recs.forYou(u, 10, null);
    assertThat(recs.trainings()).as("only the note changed").isEqualTo(2);

    app.users().vote(u, id(1, 3), NOW);
    recs.forYou(u, 10, null);
    assertThat(recs.trainings()).isEqualTo(3);
    app.users().unvote(u, id(1, 3));
    app.users().unsave(u, id(1, 2));
    ForYou back = recs.forYou(u, 10, null);
    assertThat(recs.trainings()).isEqualTo(4);
    assertThat(back).as("same papers, same seed: the same model again").isEqualTo(first);

    // A vote for a paper already in the library adds no positive.
    app.users().vote(u, id(1, 0), NOW);
    recs.forYou(u, 10, null);
    assertThat(recs.trainings()).isEqualTo(4);
  }

  @Test
  void sinceKeepsOnlyPapersPublishedFromThatDay() {
    long u = user("a@example.org");
    app.users().save(u, id(0, 0), "", NOW);
    LocalDate since = DAY0.plusDays(15);
    ForYou f = recs.forYou(u, 10, since);
    // Topic A has 2 papers a day on days 15..19 (ids i and i + 20).
    assertThat(ids(f)).hasSize(10).allMatch(id -> id.startsWith("2503.1"));
    List<Paper> listed = new ArrayList<>(app.store().findAll(ids(f)).values());
    assertThat(listed).allMatch(p -> !p.published().isBefore(since));
  }

  @Test
  void tooFewPapersSaysHowToGetRecommendations() {
    long u = user("a@example.org");
    ForYou f = recs.forYou(u, 10, null);
    assertThat(f.papers()).isEmpty();
    assertThat(f.notes()).containsExactly(Recommendations.TOO_FEW);
    assertThat(recs.trainings()).isZero();
  }

  @Test
  void papersWithoutVectorsAreLeftOutWithANote() {
    long u = user("a@example.org");
    app.users().save(u, "2503.30001", "", NOW);
    ForYou none = recs.forYou(u, 10, null);
    assertThat(none.papers()).isEmpty();
    assertThat(none.notes()).containsExactly("1 of your 1 papers has no "
        + app.semantic().model().id() + " vector yet and is left out until embedded",
        Recommendations.TOO_FEW);

    app.users().save(u, id(0, 7), "", NOW);
    app.users().save(u, "2503.99999", "", NOW); // not stored at all
    ForYou some = recs.forYou(u, 10, null);
    assertThat(some.positives()).isEqualTo(1);
    assertThat(some.notes()).containsExactly("2 of your 3 papers have no "
        + app.semantic().model().id() + " vector yet and are left out until embedded");
    assertThat(ids(some)).hasSize(10).allMatch(id -> id.startsWith("2503.1"));
  }

  @Test
  void limitIsChecked() {
    assertThatThrownBy(() -> recs.forYou(1, 0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
  }
}
