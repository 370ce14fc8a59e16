package org.papersift.search.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EmbedderTest {
  /** Opened once per model for the whole class: loading takes about half a second. */
  private static final Map<EmbeddingModel, Embedder> OPEN = new ConcurrentHashMap<>();

  static Stream<EmbeddingModel> models() {
    return EmbeddingModel.all().stream();
  }

  private static Embedder embedder(EmbeddingModel model) {
    return OPEN.computeIfAbsent(model, Embedder::open);
  }

  @AfterAll
  static void closeAll() {
    OPEN.values().forEach(Embedder::close);
  }

  private static List<String> passages() {
    return Fixtures.PAIRS.stream()
        .map(p -> Embedder.passageText(p.title(), p.abstractText()))
        .toList();
  }

  /** LangChain4j's own wrapper around the same .onnx file, the reference. */
  private static dev.langchain4j.model.embedding.EmbeddingModel reference(EmbeddingModel model) {
    if (model == BgeSmallEnV15.MODEL) {
      return new dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel();
    }
    return model == BgeSmallEnV15Q.MODEL
        ? new BgeSmallEnV15QuantizedEmbeddingModel()
        : new AllMiniLmL6V2QuantizedEmbeddingModel();
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  @ParameterizedTest
  @MethodSource("models")
  void passagesMatchLangChain4j(EmbeddingModel model) {
    Embedder embedder = embedder(model);
    var reference = reference(model);
    List<String> texts = new ArrayList<>(passages());
    // ~150 tokens: past MiniLM's 128, which both cut the same way; within bge's 510, past
    // which LangChain4j averages chunks where the Embedder truncates.
    texts.add(passages().get(0) + " " + passages().get(1));
    for (String text : texts) {
      float[] expected = reference.embed(text).content().vector();
      assertThat(dot(embedder.embedPassage(text), expected)).as(text).isGreaterThan(0.998);
    }
  }

  @Test
  void bgeQueriesMatchLangChain4jWithoutTheInstruction() {
    Embedder embedder = embedder(BgeSmallEnV15Q.MODEL);
    var reference = reference(BgeSmallEnV15Q.MODEL);
    for (Fixtures.Pair pair : Fixtures.PAIRS) {
      float[] expected = reference.embed(pair.query()).content().vector();
      assertThat(dot(embedder.embedQuery(pair.query()), expected)).isGreaterThan(0.998);
      float[] instructed =
          reference.embed(BgeSmallEnV15Q.RETRIEVAL_INSTRUCTION + pair.query()).content().vector();
      assertThat(dot(embedder.embedQuery(pair.query()), instructed)).isLessThan(0.99);
    }
  }

  /**
   * First values of one passage's vector, recorded once (2026-11-24) from this code when it
   * matched LangChain4j at cosine 1.0000: guards the figures should the reference ever go.
   */
  @Test
  void vectorsStartAsRecorded() {
    String text = passages().get(2);
    assertThat(Arrays.copyOf(embedder(BgeSmallEnV15Q.MODEL).embedPassage(text), 4))
        .containsExactly(new float[] {-0.007967f, -0.002562f, -0.013180f, 0.036904f},
            within(1e-3f));
    assertThat(Arrays.copyOf(embedder(AllMiniLmL6V2Q.MODEL).embedPassage(text), 4))
        .containsExactly(new float[] {0.004745f, -0.026434f, -0.002346f, 0.085571f}, within(1e-3f));
  }

  @ParameterizedTest
  @MethodSource("models")
  void eachQueryFindsItsOwnPassage(EmbeddingModel model) {
    Embedder embedder = embedder(model);
    List<float[]> docs = embedder.embedPassages(passages());
    List<Integer> nearest = new ArrayList<>();
    for (Fixtures.Pair pair : Fixtures.PAIRS) {
      float[] query = embedder.embedQuery(pair.query());
      int best = 0;
      for (int d = 1; d < docs.size(); d++) {
        if (dot(query, docs.get(d)) > dot(query, docs.get(best))) {
          best = d;
        }
      }
      nearest.add(best);
    }
    assertThat(nearest).containsExactly(0, 1, 2, 3, 4);
  }

  @ParameterizedTest
  @MethodSource("models")
  void vectorsHaveTheModelsDimensionAndUnitLength(EmbeddingModel model) {
    Embedder embedder = embedder(model);
    assertThat(embedder.dimension()).isEqualTo(384);
    assertThat(embedder.modelId()).isEqualTo(model.id());
    for (String text : List.of("", "   ", "x", passages().get(3))) {
      float[] vector = embedder.embedPassage(text);
      assertThat(vector).hasSize(384);
      assertThat(dot(vector, vector)).isCloseTo(1.0, within(1e-5));
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void longTextIsCutAtTheModelsLimit(EmbeddingModel model) {
    Embedder embedder = embedder(model);
    String text = Fixtures.longText();
    assertThat(text).hasSize(20_000);
    assertThat(embedder.countTokens(text)).isEqualTo(model.maxTokens());
    float[] vector = embedder.embedPassage(text);
    assertThat(dot(vector, vector)).isCloseTo(1.0, within(1e-5));
    assertThat(embedder.embedQuery(text)).hasSize(384);
  }

  @Test
  void maxTokensIsConfigurableAndCappedAtTheModelsLimit() {
    try (Embedder short64 = Embedder.open(BgeSmallEnV15Q.MODEL, 64, 1);
        Embedder capped = Embedder.open(AllMiniLmL6V2Q.MODEL, 1000, 1)) {
      assertThat(short64.maxTokens()).isEqualTo(64);
      assertThat(short64.countTokens(Fixtures.longText())).isEqualTo(64);
      assertThat(short64.embedPassage(Fixtures.longText())).hasSize(384);
      assertThat(capped.maxTokens()).isEqualTo(128);
      assertThat(capped.countTokens(Fixtures.longText())).isEqualTo(128);
    }
    assertThatThrownBy(() -> Embedder.open(BgeSmallEnV15Q.MODEL, 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTokens must be at least 3 ([CLS] text [SEP]), got 2");
  }

  @ParameterizedTest
  @MethodSource("models")
  void batchEqualsOneByOne(EmbeddingModel model) {
    Embedder embedder = embedder(model);
    List<String> texts = new ArrayList<>(passages());
    texts.add(Fixtures.longText());
    texts.add("x");
    texts.add("");
    List<float[]> batch = embedder.embedPassages(texts);
    assertThat(batch).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      assertThat(batch.get(i)).as("text %d", i)
          .containsExactly(embedder.embedPassage(texts.get(i)), within(1e-5f));
    }
    assertThat(embedder.embedPassages(List.of())).isEmpty();
  }

  @Test
  void titleAndTextAreJoinedAsOneSentenceAfterAnother() {
    assertThat(Embedder.passageText("A Title", " Body. ")).isEqualTo("A Title. Body.");
    assertThat(Embedder.passageText("Why Now?", "Body")).isEqualTo("Why Now? Body");
    assertThat(Embedder.passageText(null, "Body")).isEqualTo("Body");
    assertThat(Embedder.passageText("Title", null)).isEqualTo("Title");
    Embedder embedder = embedder(AllMiniLmL6V2Q.MODEL);
    assertThat(embedder.embedPassage("A Title", "Body."))
        .containsExactly(embedder.embedPassage("A Title. Body."), within(1e-6f));
  }

  @ParameterizedTest
  @MethodSource("models")
  void fourThreadsAtOnceGetTheSameVectors(EmbeddingModel model) throws Exception {
    Embedder embedder = embedder(model);
    List<String> texts = new ArrayList<>(passages());
    Fixtures.PAIRS.forEach(p -> texts.add(p.query()));
    List<float[]> expected = texts.stream().map(embedder::embedPassage).toList();

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<float[]>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        results.add(pool.submit(() -> {
          if (seed == 0) {
            // One thread goes through the embedder's own workers while the others call in.
            List<float[]> out = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
              out = embedder.embedPassages(texts);
            }
            return out;
          }
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < texts.size(); i++) {
            order.add(i);
          }
          float[][] out = new float[texts.size()][];
          for (int round = 0; round < 3; round++) {
            Collections.shuffle(order, new Random(seed * 31L + round));
            for (int i : order) {
              out[i] = embedder.embedPassage(texts.get(i));
            }
          }
          return List.of(out);
        }));
      }
      for (Future<List<float[]>> result : results) {
        List<float[]> vectors = result.get();
        for (int i = 0; i < texts.size(); i++) {
          assertThat(vectors.get(i)).containsExactly(expected.get(i), within(1e-6f));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeTwiceIsSafeAndLaterCallsFail() {
    Embedder embedder = Embedder.open(AllMiniLmL6V2Q.MODEL, 128, 2);
    assertThat(embedder.embedQuery("warm")).hasSize(384);
    embedder.close();
    embedder.close();
    assertThatThrownBy(() -> embedder.embedQuery("late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Embedder for all-MiniLM-L6-v2 is closed");
    assertThatThrownBy(() -> embedder.embedPassages(List.of("a", "b")))
        .isInstanceOf(IllegalStateException.class);
  }
}
