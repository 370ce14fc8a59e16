package org.papersift.app.digest;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.papersift.app.recommend.Recommendations;
import org.papersift.app.recommend.TopicVectors;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.paper.Paper;
import org.papersift.mail.DigestPaper;
import org.papersift.mail.DigestSection;

/** "For you" in the digest: the reader's model over vectors, among the period's new papers. */
class DigestForYouTest {
  static final Instant MON_0730Z = DigestPlannerTest.MON_0730Z;
  static final LocalDate OLD = LocalDate.of(2026, 10, 1);
  static final LocalDate NEW = LocalDate.of(2026, 11, 20);

  @TempDir Path dir;
  Papersift app;
  DigestPlanner planner;

  static String id(int topic, int i, boolean recent) {
    return String.format("26%s.%d%04d", recent ? "11" : "10", topic + 1, i);
  }

  @BeforeEach
  void open() {
    app = Papersift.open(new DataDir(dir));
    TopicVectors topics = new TopicVectors(11, app.semantic().model().dimension(), 2);
    List<Paper> papers = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < 30; i++) {
        boolean recent = i % 3 == 0; // a third of each topic is new this period
        papers.add(Paper.of(id(t, i, recent), "Topic " + t + " paper " + i)
            .withAbstract("About topic " + t + ".").withPublished(recent ? NEW : OLD));
        vectors.add(topics.member(t));
      }
    }
    app.store().upsertAll(papers);
    TopicVectors.save(app, papers, vectors);
    app.catchUpIndex(n -> { });
    planner = new DigestPlanner(app, DigestPlannerTest.SETTINGS, new Recommendations(app),
        DigestPlanner.tokens(app), 1);
  }

  @AfterEach
  void close() {
    app.close();
  }

  @Test
  void readersWithAnAccountGetPicksOfTheirTopicAmongTheNewPapers() {
    long ada = app.users().createUser("ada@example.org", "hash", MON_0730Z).orElseThrow().id();
    for (int i = 1; i <= 5; i++) {
      app.users().save(ada, id(1, i * 3 + 1, false), "", MON_0730Z); // old topic-1 papers
    }
    Subscriber withAccount = subscriber("ada@example.org", ada);
    Subscriber anonymous = subscriber("anon@example.org", null);
    Subscriber newcomer = subscriber("new@example.org",
        app.users().createUser("new@example.org", "hash", MON_0730Z).orElseThrow().id());

    List<DigestSection> sections = planner.preview(withAccount, MON_0730Z).content().sections();
    assertThat(sections).extracting(DigestSection::title)
        .containsExactly("Newest papers (no votes yet)", "For you");
    assertThat(sections.get(1).papers()).hasSize(DigestPlanner.FOR_YOU_PAPERS)
        .extracting(DigestPaper::id).allMatch(id -> id.startsWith("2611.2"));
    // no account, or nothing saved yet: no such section
    assertThat(planner.preview(anonymous, MON_0730Z).content().sections()).hasSize(1);
    assertThat(planner.preview(newcomer, MON_0730Z).content().sections()).hasSize(1);
  }

  private Subscriber subscriber(String email, Long userId) {
    var subs = app.subscriptions();
    long id = subs.subscribe(email, userId, DigestPlannerTest.PARIS_8, MON_0730Z).id();
    subs.confirm(id, MON_0730Z);
    subs.recordDigest(id, "2026-11-20");
    return subs.subscriber(id).orElseThrow();
  }
}
