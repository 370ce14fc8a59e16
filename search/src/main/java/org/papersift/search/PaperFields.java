package org.papersift.search;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.papersift.core.paper.Paper;

/**
 * The index layout: field names, how each is analyzed, and how a {@link Paper} becomes a document.
 * Titles and abstracts get English analysis (Porter stemming, stop words, possessives) as in
 * Anserini's BM25 baselines; author names are folded to ASCII and lower-cased, never stemmed;
 * categories are exact, lower-cased, and also indexed by archive ("cs" for "cs.CL").
 */
final class PaperFields {
  static final String ID = "id";
  static final String TITLE = "title";
  static final String ABSTRACT = "abstract";
  static final String AUTHOR = "author";
  static final String CATEGORY = "cat";
  static final String DAY = "day";
  static final String DAY_SORT = "day_sort";
  /**
   * Id and title again as doc values, what a hit shows (see {@link HitFields}); fields of their
   * own, since Lucene cannot add doc values to a field that older segments have without.
   */
  static final String ID_VALUE = "id_dv";
  static final String TITLE_VALUE = "title_dv";
  /** The paper's embedding (title and abstract), unit length, compared by dot product. */
  static final String VECTOR = "vec";

  /** Fields a reader may name in query syntax (title:transformers). */
  static final Set<String> QUERYABLE = Set.of(TITLE, ABSTRACT, AUTHOR, ID);

  private PaperFields() {}

  static Analyzer analyzer() {
    Analyzer english = new EnglishAnalyzer();
    return new PerFieldAnalyzerWrapper(english,
        Map.of(AUTHOR, new NameAnalyzer(), ID, new KeywordAnalyzer(),
            CATEGORY, new KeywordAnalyzer()));
  }

  /** Author names: tokens folded to ASCII and lower-cased; a gap keeps phrases inside one name. */
  static final class NameAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      StandardTokenizer source = new StandardTokenizer();
      TokenStream result = new ASCIIFoldingFilter(new LowerCaseFilter(source));
      return new TokenStreamComponents(source, result);
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
      return 100;
    }
  }

  static String normalizeCategory(String category) {
    return category.strip().toLowerCase(Locale.ROOT);
  }

  static Document toDocument(Paper p, float[] vector) {
    Document doc = toDocument(p);
    if (vector != null) {
      doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
    }
    return doc;
  }

  static Document toDocument(Paper p) {
    Document doc = new Document();
    doc.add(new StringField(ID, p.id(), Field.Store.NO));
    doc.add(new BinaryDocValuesField(ID_VALUE, new BytesRef(p.id())));
    doc.add(new TextField(TITLE, p.title(), Field.Store.NO));
    doc.add(new BinaryDocValuesField(TITLE_VALUE, new BytesRef(p.title())));
    if (p.abstractText() != null) {
      doc.add(new TextField(ABSTRACT, p.abstractText(), Field.Store.NO));
    }
    for (String author : p.authors()) {
      doc.add(new TextField(AUTHOR, author, Field.Store.NO));
    }
    Set<String> cats = new LinkedHashSet<>();
    for (String c : p.categories()) {
      String norm = normalizeCategory(c);
      cats.add(norm);
      int dot = norm.indexOf('.');
      if (dot > 0) {
        cats.add(norm.substring(0, dot));
      }
    }
    for (String c : cats) {
      doc.add(new StringField(CATEGORY, c, Field.Store.NO));
    }
    LocalDate day = p.published() != null ? p.published() : p.updated();
    if (day != null) {
      doc.add(new LongPoint(DAY, day.toEpochDay()));
      doc.add(new NumericDocValuesField(DAY_SORT, day.toEpochDay()));
      doc.add(new StoredField(DAY, day.toEpochDay()));
    }
    return doc;
  }
}
