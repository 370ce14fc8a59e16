package org.papersift.app.recommend;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.papersift.app.Papersift;
import org.papersift.app.embed.EmbeddingText;
import org.papersift.core.paper.Paper;
import org.papersift.store.PaperStore;

/**
 * Synthetic paper vectors for tests: papers of one topic lie near their topic's direction, every
 * paper shares a common direction as real abstracts do. Deterministic per seed.
 */
public final class TopicVectors {
  private final Random random;
  private final int dim;
  private final float[] common;
  private final List<float[]> topics = new ArrayList<>();

  public TopicVectors(long seed, int dim, int topics) {
    this.random = new Random(seed);
    this.dim = dim;
    this.common = gaussian();
    for (int t = 0; t < topics; t++) {
      this.topics.add(gaussian());
    }
  }

  /** A unit vector of {@code topic}. */
  public float[] member(int topic) {
    float[] c = topics.get(topic);
    float[] noise = gaussian();
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = 1.2f * common[i] + 1.0f * c[i] + 0.8f * noise[i];
    }
    return unit(v);
  }

  /**
   * Stores the vectors of {@code papers} for the app's configured model, with the hash of their
   * current text, as the embedding follower would (then the index follower indexes them).
   */
  public static void save(Papersift app, List<Paper> papers, List<float[]> vectors) {
    List<PaperStore.NewVector> out = new ArrayList<>();
    for (int i = 0; i < papers.size(); i++) {
      out.add(new PaperStore.NewVector(papers.get(i).id(),
          EmbeddingText.hash(papers.get(i), app.semantic().maxTokens()), vectors.get(i)));
    }
    app.store().saveVectors(app.semantic().model().id(), out, "test:vectors",
        app.store().lastSeq());
  }

  /** Papers, oldest first, and their vectors. */
  public record Papers(List<Paper> papers, Map<String, float[]> vectors) {}

  /**
   * 40 days of papers (from 2025-03-01) in 12 topics: reader j (author "Reader j") writes one
   * paper in topic j every third day, and one-off authors write 4 papers a day across the
   * topics. Each reader has 13 or 14 papers.
   */
  public static Papers topicalReaders(int dim) {
    TopicVectors topics = new TopicVectors(3, dim, 12);
    List<Paper> papers = new ArrayList<>();
    Map<String, float[]> vectors = new HashMap<>();
    LocalDate day0 = LocalDate.of(2025, 3, 1);
    int n = 0;
    for (int day = 0; day < 40; day++) {
      for (int j = 0; j < 12; j++) {
        List<String> authors = new ArrayList<>(List.of("One Off " + n));
        int topic;
        if (day % 3 == j % 3) {
          authors.add("Reader " + j);
          topic = j;
        } else if (j % 2 == 0) {
          topic = (day + j) % 12;
        } else {
          continue;
        }
        Paper p = Paper.of(String.format("2503.%05d", n), "Paper " + n)
            .withAbstract("About paper " + n + ".").withPublished(day0.plusDays(day))
            .withAuthors(authors).withCategories(List.of(topic % 2 == 0 ? "cs.LG" : "cs.CL"));
        papers.add(p);
        vectors.put(p.id(), topics.member(topic));
        n++;
      }
    }
    return new Papers(papers, vectors);
  }

  private float[] gaussian() {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return unit(v);
  }

  private static float[] unit(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / n);
    }
    return out;
  }
}
