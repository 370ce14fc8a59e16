package org.papersift.core.recommend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Trains a reader's {@link UserModel}: L2-regularized logistic regression separating the reader's
 * papers (positives) from sampled other papers (negatives), solved by L-BFGS to its unique
 * optimum (the loss is strictly convex), so the same inputs always give the same model, whatever
 * the starting point or step sizes.
 *
 * <p>The two classes weigh the same in the loss whatever their sizes (each positive weighs
 * 1/(2P), each negative 1/(2N)), so sampling more negatives sharpens the picture of "other
 * papers" without drowning the reader's few. The bias is not regularized.
 *
 * <p>Cost: each L-BFGS iteration reads every sample twice, 2·(P+N)·d multiply-adds; 10
 * positives and 200 negatives of 384 dimensions take about a millisecond in all.
 *
 * <p>Immutable and thread-safe.
 */
public final class Recommender {
  /** Fewest positives a model is trained from: one saved or upvoted paper is enough to start. */
  public static final int MIN_POSITIVES = 1;
  /** Past pairs L-BFGS keeps for its curvature estimate. */
  private static final int LBFGS_MEMORY = 10;
  /** Armijo's sufficient-decrease constant for the backtracking line search. */
  private static final double ARMIJO = 1e-4;
  private static final int MAX_HALVINGS = 40;

  /**
   * How a model is trained.
   *
   * @param l2 weight of ½‖w‖² against the (class-balanced, averaged) logistic loss
   * @param negativesPerPositive negatives sampled per positive, clamped to the next two
   * @param minNegatives fewest negatives sampled (a single positive still meets a broad sample)
   * @param maxNegatives most negatives sampled (bounds training time for large libraries)
   * @param maxIterations L-BFGS iterations at most; it usually stops well before
   * @param tolerance stop when no gradient component is larger than this
   */
  public record Settings(double l2, int negativesPerPositive, int minNegatives,
      int maxNegatives, int maxIterations, double tolerance) {
    public Settings {
      if (!(l2 > 0) || !Double.isFinite(l2)) {
        throw new IllegalArgumentException("l2 must be a positive number, got " + l2);
      }
      if (negativesPerPositive < 1 || minNegatives < 1 || maxNegatives < minNegatives) {
        throw new IllegalArgumentException("negatives: per positive and minimum at least 1,"
            + " maximum at least the minimum; got " + negativesPerPositive + ", "
            + minNegatives + ", " + maxNegatives);
      }
      if (maxIterations < 1 || !(tolerance > 0)) {
        throw new IllegalArgumentException("maxIterations and tolerance must be positive, got "
            + maxIterations + " and " + tolerance);
      }
    }

    public Settings withL2(double newL2) {
      return new Settings(newL2, negativesPerPositive, minNegatives, maxNegatives,
          maxIterations, tolerance);
    }

    public Settings withNegativesPerPositive(int n) {
      return new Settings(l2, n, Math.min(minNegatives, maxNegatives), maxNegatives,
          maxIterations, tolerance);
    }
  }

  /**
   * The product's settings, chosen by {@code papersift eval recommend --split validation}
   * (docs/benchmarks.md), which never sees the test papers: l2 1e-4 (weaker did no better);
   * 100 negatives per positive ranked 4 % better than 20, but trained 2.5x slower, too slow for
   * the digest planner's target.
   */
  public static final Settings DEFAULTS = new Settings(1e-4, 20, 200, 2_000, 200, 1e-6);

  private final Settings settings;

  public Recommender(Settings settings) {
    this.settings = settings;
  }

  public Recommender() {
    this(DEFAULTS);
  }

  public Settings settings() {
    return settings;
  }

  /** How many negatives to sample for {@code positives} positives. */
  public int negativeCount(int positives) {
    long n = (long) positives * settings.negativesPerPositive();
    return (int) Math.max(settings.minNegatives(), Math.min(settings.maxNegatives(), n));
  }

  /**
   * {@code count} items drawn uniformly without replacement from {@code pool} minus {@code
   * exclude} (all of them, when fewer), in draw order. The same pool order and seed give the same
   * sample; seed it per reader so a reader's model is stable between retrainings.
   */
  public static <T> List<T> sampleNegatives(List<T> pool, Collection<T> exclude, int count,
      long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    List<T> open = new ArrayList<>(pool.size());
    for (T t : pool) {
      if (!exclude.contains(t)) {
        open.add(t);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    int n = Math.min(count, open.size());
    // Partial Fisher-Yates: the first n slots end up a uniform sample.
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(open.size() - i);
      T t = open.get(i);
      open.set(i, open.get(j));
      open.set(j, t);
    }
    return List.copyOf(open.subList(0, n));
  }

  /**
   * The reader's model, or empty when there is nothing to learn from (fewer than {@link
   * #MIN_POSITIVES} positives).
   *
   * @param positives vectors of the reader's papers (unit length, as the embedder gives them)
   * @param negatives vectors of other papers, at least one when there are positives
   * @throws IllegalArgumentException if dimensions differ or positives come without negatives
   */
  public Optional<UserModel> train(List<float[]> positives, List<float[]> negatives) {
    if (positives.size() < MIN_POSITIVES) {
      return Optional.empty();
    }
    int d = Vectors.dimension(positives, 0, "positives");
    if (negatives.isEmpty()) {
      throw new IllegalArgumentException("training needs at least one negative (another"
          + " paper with a vector) besides the " + positives.size() + " positives");
    }
    if (Vectors.dimension(negatives, d, "negatives") != d) {
      throw new IllegalArgumentException("positives have " + d + " dimensions, negatives "
          + negatives.get(0).length);
    }
    Problem p = new Problem(positives, negatives, d, settings.l2());
    double[] theta = minimize(p);
    float[] w = new float[d];
    double bias = theta[d];
    for (int i = 0; i < d; i++) {
      w[i] = (float) theta[i];
      bias -= theta[i] * p.centre[i]; // back from centred vectors: w·(x − μ) + b
    }
    return Optional.of(new UserModel(w, (float) bias, positives.size()));
  }

  /**
   * The class-balanced, L2-regularized logistic loss and its gradient over parameters θ = (w,
   * b): Σ c_i · log(1 + exp(−y_i (w·x_i + b))) + λ/2 ‖w‖², with Σ c_i = 1.
   *
   * <p>The vectors are centred first (x − μ, μ the weighted mean). Because the bias is not
   * regularized this changes only b, by w·μ, not the optimal w; but sentence embeddings share a
   * large common component, and without it the problem is far better conditioned (L-BFGS needs
   * several times fewer iterations at small l2).
   */
  private static final class Problem {
    final int d;
    final int n;
    final float[] x;
    final double[] y;
    final double[] c;
    final double[] centre;
    final double l2;

    Problem(List<float[]> positives, List<float[]> negatives, int d, double l2) {
      this.d = d;
      this.n = positives.size() + negatives.size();
      this.l2 = l2;
      x = new float[n * d];
      y = new double[n];
      c = new double[n];
      centre = new double[d];
      int row = 0;
      for (float[] v : positives) {
        y[row] = 1;
        c[row] = 0.5 / positives.size();
        add(v, c[row++]);
      }
      for (float[] v : negatives) {
        y[row] = -1;
        c[row] = 0.5 / negatives.size();
        add(v, c[row++]);
      }
      row = 0;
      for (List<float[]> part : List.of(positives, negatives)) {
        for (float[] v : part) {
          int off = row++ * d;
          for (int j = 0; j < d; j++) {
            x[off + j] = (float) (v[j] - centre[j]);
          }
        }
      }
    }

    private void add(float[] v, double weight) {
      for (int j = 0; j < d; j++) {
        centre[j] += weight * v[j];
      }
    }

    int size() {
      return d + 1;
    }

    /** The loss at θ; its gradient goes into {@code grad}. */
    double eval(double[] theta, double[] grad) {
      double loss = 0;
      java.util.Arrays.fill(grad, 0);
      double gb = 0;
      for (int i = 0; i < n; i++) {
        int off = i * d;
        double margin = y[i] * (Vectors.dotRow(x, off, theta, d) + theta[d]);
        // log(1 + e^-m) without overflow either way; dl/dm = -1 / (1 + e^m).
        loss += c[i] * (margin > 0 ? Math.log1p(Math.exp(-margin))
            : -margin + Math.log1p(Math.exp(margin)));
        double r = -c[i] * y[i] / (1 + Math.exp(margin));
        gb += r;
        for (int j = 0; j < d; j++) {
          grad[j] += r * x[off + j];
        }
      }
      double norm2 = 0;
      for (int j = 0; j < d; j++) {
        norm2 += theta[j] * theta[j];
        grad[j] += l2 * theta[j];
      }
      grad[d] = gb;
      return loss + 0.5 * l2 * norm2;
    }
  }

  /** L-BFGS with a backtracking (Armijo) line search, from θ = 0. */
  private double[] minimize(Problem p) {
    int k = p.size();
    double[] theta = new double[k];
    double[] grad = new double[k];
    double f = p.eval(theta, grad);
    double[][] s = new double[LBFGS_MEMORY][];
    double[][] yv = new double[LBFGS_MEMORY][];
    double[] rho = new double[LBFGS_MEMORY];
    int stored = 0;
    int newest = -1;
    double[] dir = new double[k];
    double[] next = new double[k];
    double[] nextGrad = new double[k];
    double[] alpha = new double[LBFGS_MEMORY];
    for (int iter = 0; iter < settings.maxIterations(); iter++) {
      if (maxAbs(grad) <= settings.tolerance()) {
        break;
      }
      // Two-loop recursion: dir = -H·grad with H the L-BFGS inverse-Hessian estimate.
      for (int j = 0; j < k; j++) {
        dir[j] = -grad[j];
      }
      for (int m = 0; m < stored; m++) {
        int i = Math.floorMod(newest - m, LBFGS_MEMORY);
        alpha[i] = rho[i] * dot(s[i], dir);
        axpy(-alpha[i], yv[i], dir);
      }
      if (stored > 0) {
        double gamma = dot(s[newest], yv[newest]) / dot(yv[newest], yv[newest]);
        for (int j = 0; j < k; j++) {
          dir[j] *= gamma;
        }
      }
      for (int m = stored - 1; m >= 0; m--) {
        int i = Math.floorMod(newest - m, LBFGS_MEMORY);
        double beta = rho[i] * dot(yv[i], dir);
        axpy(alpha[i] - beta, s[i], dir);
      }
      double slope = dot(grad, dir);
      if (!(slope < 0)) {
        // Not a descent direction (rounding): forget the curvature pairs, go down the gradient.
        stored = 0;
        for (int j = 0; j < k; j++) {
          dir[j] = -grad[j];
        }
        slope = dot(grad, dir);
      }
      double step = 1;
      double fNext = Double.NaN;
      boolean moved = false;
      for (int h = 0; h < MAX_HALVINGS; h++) {
        for (int j = 0; j < k; j++) {
          next[j] = theta[j] + step * dir[j];
        }
        fNext = p.eval(next, nextGrad);
        if (fNext <= f + ARMIJO * step * slope) {
          moved = true;
          break;
        }
        step *= 0.5;
      }
      if (!moved) {
        break; // no decrease left at machine precision: θ is the optimum as far as doubles go
      }
      double[] si = new double[k];
      double[] yi = new double[k];
      for (int j = 0; j < k; j++) {
        si[j] = next[j] - theta[j];
        yi[j] = nextGrad[j] - grad[j];
      }
      double sy = dot(si, yi);
      if (sy > 1e-12) { // keep only pairs that show positive curvature (always, in exact math)
        newest = (newest + 1) % LBFGS_MEMORY;
        s[newest] = si;
        yv[newest] = yi;
        rho[newest] = 1 / sy;
        stored = Math.min(stored + 1, LBFGS_MEMORY);
      }
      double[] t = theta;
      theta = next;
      next = t;
      t = grad;
      grad = nextGrad;
      nextGrad = t;
      double decrease = f - fNext;
      f = fNext;
      if (decrease <= 1e-12 * Math.max(1, Math.abs(f))) {
        break;
      }
    }
    return theta;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }
}
