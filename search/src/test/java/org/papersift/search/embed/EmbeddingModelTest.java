package org.papersift.search.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddingModelTest {
  @Test
  void findsModelsByIdIgnoringCase() {
    assertThat(EmbeddingModel.byId("bge-small-en-v1.5")).isSameAs(BgeSmallEnV15Q.MODEL);
    assertThat(EmbeddingModel.byId("ALL-MINILM-L6-V2")).isSameAs(AllMiniLmL6V2Q.MODEL);
  }

  @Test
  void unknownIdListsTheValidOnes() {
    assertThatThrownBy(() -> EmbeddingModel.byId("bert-large"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown embedding model 'bert-large'; expected one of: bge-small-en-v1.5,"
            + " all-MiniLM-L6-v2, bge-small-en-v1.5-fp32");
  }

  @Test
  void settingsOfEachModel() {
    EmbeddingModel bge = BgeSmallEnV15Q.MODEL;
    assertThat(bge.pooling()).isEqualTo(EmbeddingModel.Pooling.CLS);
    assertThat(bge.dimension()).isEqualTo(384);
    assertThat(bge.maxTokens()).isEqualTo(512);
    assertThat(bge.queryPrefix()).isEmpty();
    assertThat(bge.passagePrefix()).isEmpty();

    EmbeddingModel miniLm = AllMiniLmL6V2Q.MODEL;
    assertThat(miniLm.pooling()).isEqualTo(EmbeddingModel.Pooling.MEAN);
    assertThat(miniLm.dimension()).isEqualTo(384);
    assertThat(miniLm.maxTokens()).isEqualTo(128);
    assertThat(miniLm.queryPrefix()).isEmpty();
    assertThat(miniLm.passagePrefix()).isEmpty();
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThatThrownBy(() -> new EmbeddingModel("x", "x.onnx", "x.json", "out", 384, 2,
        EmbeddingModel.Pooling.CLS, "", ""))
        .hasMessage("maxTokens must be at least 3, got 2");
  }
}
