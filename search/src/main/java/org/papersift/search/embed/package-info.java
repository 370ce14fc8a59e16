/**
 * Sentence embeddings for semantic search: an {@link org.papersift.search.embed.Embedder} runs a
 * small BERT-style model ({@link org.papersift.search.embed.EmbeddingModel}) with ONNX Runtime and
 * the Hugging Face tokenizer, both loaded from model jars on the classpath, and returns
 * L2-normalized vectors, so a dot product is the cosine similarity.
 * {@link org.papersift.search.embed.EmbedderBench} measures its throughput.
 */
package org.papersift.search.embed;
