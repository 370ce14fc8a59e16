package org.papersift.search.embed;

import java.util.List;

/** Hand-written abstracts on five unrelated topics, each with a query that paraphrases it. */
final class Fixtures {
  record Pair(String query, String title, String abstractText) {}

  static final List<Pair> PAIRS = List.of(
      new Pair("predicting how a protein folds from its amino acid sequence",
          "End-to-End Structure Prediction for Single-Chain Proteins",
          "We present a network that maps a sequence of residues directly to atomic coordinates."
              + " An attention module over multiple sequence alignments refines pairwise distance"
              + " estimates, and an equivariant structure module places the backbone frames."
              + " On held-out targets the predicted structures reach a median backbone error"
              + " below two angstroms."),
      new Pair("speech recognition for languages with very little transcribed audio",
          "Cross-Lingual Transfer for Low-Resource Automatic Speech Recognition",
          "Transcribed speech exists for only a handful of the world's languages. We pretrain an"
              + " acoustic encoder on unlabeled audio in fifty languages and fine-tune it with one"
              + " hour of labeled recordings per target language. Word error rates fall by a third"
              + " compared with monolingual training."),
      new Pair("graph networks that predict chemical properties of molecules",
          "Message Passing over Molecular Graphs for Property Regression",
          "Atoms become nodes and bonds become edges; messages passed along the edges build a"
              + " representation of each molecule that we regress onto solubility, toxicity and"
              + " binding energy. The model outperforms fingerprint baselines on standard"
              + " quantum chemistry benchmarks."),
      new Pair("training a model on phones without collecting users' personal data",
          "Private Federated Learning across Millions of Mobile Devices",
          "Devices train locally on their own keyboard data and send only clipped, noised model"
              + " updates to the server, which averages them. We prove differential privacy"
              + " guarantees for the aggregate and show that next-word prediction accuracy stays"
              + " within one point of centralized training."),
      new Pair("making blurry low-resolution photos sharp with diffusion models",
          "Conditional Diffusion for Photographic Image Super-Resolution",
          "A denoising diffusion model conditioned on a small input image iteratively generates a"
              + " high-resolution version with plausible texture. Human raters prefer its outputs"
              + " over regression-based upscalers, which produce overly smooth results at eight"
              + " times magnification."));

  /** About 20,000 characters of prose, far beyond any model's token limit. */
  static String longText() {
    StringBuilder text = new StringBuilder();
    while (text.length() < 20_000) {
      for (Pair pair : PAIRS) {
        text.append(pair.abstractText()).append(' ');
      }
    }
    return text.substring(0, 20_000);
  }

  private Fixtures() {}
}
