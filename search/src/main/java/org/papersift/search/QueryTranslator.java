package org.papersift.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.papersift.core.query.InvalidQueryException;
import org.papersift.core.query.SearchQuery;

/**
 * Turns a {@link SearchQuery} into a Lucene query. The text is read as Lucene syntax when it is
 * valid and names only known fields (title:, abstract:, author:, id:); anything else, from a
 * pasted title with a colon to unbalanced quotes, is searched as plain words with a note saying
 * so, so a reader never gets a stack trace for what they typed. Thread-safe.
 */
final class QueryTranslator {
  /** Plain-word queries keep this many words; a pasted abstract stays far below it. */
  static final int MAX_PLAIN_TERMS = 400;

  private final Analyzer analyzer;
  private final Ranking ranking;

  QueryTranslator(Analyzer analyzer, Ranking ranking) {
    this.analyzer = analyzer;
    this.ranking = ranking;
  }

  /** The query to run, whether it ranks by relevance, and notes for the reader. */
  record Translated(Query query, boolean ranked, List<String> notes) {}

  Translated translate(SearchQuery q) {
    List<String> notes = new ArrayList<>();
    Query text;
    boolean ranked = !q.text().isEmpty();
    int filterClauses = q.categories().size() + q.authors().size()
        + (q.from() != null || q.to() != null ? 1 : 0);
    if (!ranked) {
      text = MatchAllDocsQuery.INSTANCE;
    } else {
      text = parseSyntax(q.text(), filterClauses, notes);
    }
    Query filter = filterOnly(q);
    if (filter == null) {
      return new Translated(text, ranked, notes);
    }
    Query all = new BooleanQuery.Builder().add(text, Occur.MUST).add(filter, Occur.FILTER).build();
    return new Translated(all, ranked, notes);
  }

  /**
   * For saved searches (topic alerts): the text with every positive term required ("graph
   * neural" finds papers with both words, each in the title or the abstract), negative terms,
   * explicit OR and the filters as in {@link #translate}. This is the alerts' relevance threshold:
   * BM25 scores are relative to the query, so no score tells "relevant" apart; requiring every
   * word the reader typed does, and lets an alert come back empty. Never falls back to plain
   * words: a text that is not valid query syntax, names an unknown field, or has no searchable
   * word throws {@link InvalidQueryException} saying why, so the reader fixes the alert.
   *
   * @return the query, filters included (without text: the filters, or every paper)
   */
  Query translateAllTerms(SearchQuery q) {
    Query text;
    if (q.text().isEmpty()) {
      text = MatchAllDocsQuery.INSTANCE;
    } else if (looksLikeSyntax(q.text())) {
      text = parseAllTerms(q.text());
    } else {
      text = allWords(q.text());
    }
    Query filter = filterOnly(q);
    if (filter == null) {
      return text;
    }
    return new BooleanQuery.Builder().add(text, Occur.MUST).add(filter, Occur.FILTER).build();
  }

  private Query parseAllTerms(String text) {
    QueryParser parser = newParser();
    parser.setDefaultOperator(QueryParser.Operator.AND);
    Query parsed;
    try {
      parsed = parser.parse(unlikelyOperatorsEscaped(text));
    } catch (ParseException | IllegalArgumentException e) {
      throw new InvalidQueryException(e.getCause() instanceof UnknownFieldException u
          ? u.getMessage() : "the query is not valid query syntax (check quotes, brackets and"
              + " field names such as title:)");
    }
    if (countClauses(parsed) > IndexSearcher.getMaxClauseCount()) {
      throw new InvalidQueryException("the query has too many terms");
    }
    if (parsed instanceof BooleanQuery bq) {
      if (bq.clauses().isEmpty()) {
        throw new InvalidQueryException("the query has no searchable words");
      }
      if (bq.clauses().stream().allMatch(c -> c.occur() == Occur.MUST_NOT)) {
        // only negative terms ("-survey"): every paper but those
        BooleanQuery.Builder b = new BooleanQuery.Builder()
            .add(MatchAllDocsQuery.INSTANCE, Occur.MUST);
        bq.clauses().forEach(b::add);
        return b.build();
      }
    }
    return parsed;
  }

  /** Every analyzed word required, each in the title or the abstract. */
  private Query allWords(String text) {
    List<String> terms = analyze(PaperFields.ABSTRACT, SYNTAX_CHARS.matcher(text).replaceAll(" "));
    if (terms.isEmpty()) {
      throw new InvalidQueryException("the query has no searchable words");
    }
    if (terms.size() > MAX_PLAIN_TERMS) {
      throw new InvalidQueryException("the query has " + terms.size() + " words; at most "
          + MAX_PLAIN_TERMS + " are searched");
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (String t : new java.util.LinkedHashSet<>(terms)) {
      Query either = new BooleanQuery.Builder()
          .add(boosted(new TermQuery(new Term(PaperFields.TITLE, t)), ranking.titleBoost()),
              Occur.SHOULD)
          .add(boosted(new TermQuery(new Term(PaperFields.ABSTRACT, t)), ranking.abstractBoost()),
              Occur.SHOULD)
          .build();
      all.add(either, Occur.MUST);
    }
    return all.build();
  }

  /** The query's filters as one non-scoring query, or null when it has none. */
  Query filterOnly(SearchQuery q) {
    if (!q.hasFilters()) {
      return null;
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    if (!q.categories().isEmpty()) {
      BooleanQuery.Builder cats = new BooleanQuery.Builder();
      for (String c : q.categories()) {
        cats.add(new TermQuery(new Term(PaperFields.CATEGORY, PaperFields.normalizeCategory(c))),
            Occur.SHOULD);
      }
      all.add(cats.build(), Occur.FILTER);
    }
    for (String author : q.authors()) {
      all.add(authorQuery(author), Occur.FILTER);
    }
    if (q.from() != null || q.to() != null) {
      long lo = q.from() == null ? Long.MIN_VALUE : q.from().toEpochDay();
      long hi = q.to() == null ? Long.MAX_VALUE : q.to().toEpochDay();
      all.add(LongPoint.newRangeQuery(PaperFields.DAY, lo, hi), Occur.FILTER);
    }
    return all.build();
  }

  private Query parseSyntax(String text, int filterClauses, List<String> notes) {
    if (looksLikeSyntax(text)) {
      try {
        Query parsed = newParser().parse(unlikelyOperatorsEscaped(text));
        if (countClauses(parsed) + filterClauses <= IndexSearcher.getMaxClauseCount()) {
          return parsed;
        }
        notes.add("the query has too many terms for query syntax; searched as plain words");
      } catch (ParseException | IllegalArgumentException e) {
        // The parser wraps what its hooks throw; an unknown field is worth naming.
        notes.add("searched as plain words: " + (e.getCause() instanceof UnknownFieldException u
            ? u.getMessage() : "the query is not valid query syntax"));
      }
    }
    return plainWords(text, notes);
  }

  /**
   * Characters that are operators in Lucene syntax but in real titles are punctuation: "?" ends
   * questions ("Do LLMs Know?"), "!" ends names ("CheckThat!"), and a dash standing alone or
   * doubled is a separator ("Models -- A Study"), and "/" separates alternatives ("TCP/IP",
   * "A/B testing"). Read literally, they would turn a pasted title into a wildcard, a negation or
   * a regular expression. "*" and "-word" keep their meaning.
   */
  static String unlikelyOperatorsEscaped(String text) {
    String s = text.replace("?", "\\?").replace("!", "\\!").replace("/", "\\/");
    return LONE_DASH.matcher(s).replaceAll("\\\\-");
  }

  private static final java.util.regex.Pattern SYNTAX_CHARS =
      java.util.regex.Pattern.compile("[:\\\\/^~*?\"(){}\\[\\]]");

  private static final java.util.regex.Pattern LONE_DASH =
      java.util.regex.Pattern.compile("(?<=^|\\s|-)-(?=-|\\s|$)");

  /** Plain prose (a pasted abstract) skips the parser: faster, and no surprise operators. */
  private static boolean looksLikeSyntax(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ':' || c == '"' || c == '*' || c == '~' || c == '+' || c == '(' || c == '^'
          || c == '[' || c == '{') {
        return true;
      }
    }
    return text.contains(" AND ") || text.contains(" OR ") || text.contains("NOT ")
        || text.startsWith("-") || text.contains(" -");
  }

  private QueryParser newParser() {
    String[] fields = {PaperFields.TITLE, PaperFields.ABSTRACT};
    Map<String, Float> boosts = Map.of(PaperFields.TITLE, ranking.titleBoost(),
        PaperFields.ABSTRACT, ranking.abstractBoost());
    QueryParser parser = new MultiFieldQueryParser(fields, analyzer, boosts) {
      @Override
      protected Query getFieldQuery(String field, String queryText, boolean quoted)
          throws ParseException {
        check(field);
        return super.getFieldQuery(field, queryText, quoted);
      }

      @Override
      protected Query getFieldQuery(String field, String queryText, int slop)
          throws ParseException {
        check(field);
        return super.getFieldQuery(field, queryText, slop);
      }

      @Override
      protected Query getWildcardQuery(String field, String termStr) throws ParseException {
        check(field);
        return super.getWildcardQuery(field, termStr);
      }

      @Override
      protected Query getPrefixQuery(String field, String termStr) throws ParseException {
        check(field);
        return super.getPrefixQuery(field, termStr);
      }

      @Override
      protected Query getFuzzyQuery(String field, String termStr, float minSimilarity)
          throws ParseException {
        check(field);
        return super.getFuzzyQuery(field, termStr, minSimilarity);
      }

      @Override
      protected Query getRangeQuery(String field, String part1, String part2,
          boolean startInclusive, boolean endInclusive) throws ParseException {
        check(field);
        return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
      }

      private void check(String field) throws ParseException {
        if (field != null && !PaperFields.QUERYABLE.contains(field)) {
          throw new UnknownFieldException("\"" + field + ":\" is not a field (fields: title, abstract,"
              + " author, id; filters: cat:, author:, from:, to:, date:)");
        }
      }
    };
    parser.setDefaultOperator(QueryParser.Operator.OR);
    parser.setSplitOnWhitespace(true);
    return parser;
  }

  /** A field name the index does not have ("BERT:" in a pasted title). */
  private static final class UnknownFieldException extends ParseException {
    UnknownFieldException(String message) {
      super(message);
    }
  }

  /**
   * Every analyzed word of the text, each scored on title and abstract; never throws. One flat
   * disjunction, so Lucene can skip with MaxScore; a word said k times is one clause boosted k
   * times, which scores the same as k clauses.
   */
  Query plainWords(String text, List<String> notes) {
    // "quasar:nebula" is one token to the tokenizer, and matches nothing; split it.
    List<String> terms = analyze(PaperFields.ABSTRACT, SYNTAX_CHARS.matcher(text).replaceAll(" "));
    if (terms.isEmpty()) {
      notes.add("the query has no searchable words");
      return new MatchNoDocsQuery("no searchable words");
    }
    if (terms.size() > MAX_PLAIN_TERMS) {
      notes.add("the query was cut to its first " + MAX_PLAIN_TERMS + " words");
      terms = terms.subList(0, MAX_PLAIN_TERMS);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String t : terms) {
      counts.merge(t, 1, Integer::sum);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    counts.forEach((t, n) -> {
      b.add(boosted(new TermQuery(new Term(PaperFields.TITLE, t)), n * ranking.titleBoost()),
          Occur.SHOULD);
      b.add(boosted(new TermQuery(new Term(PaperFields.ABSTRACT, t)), n * ranking.abstractBoost()),
          Occur.SHOULD);
    });
    return b.build();
  }

  private static Query boosted(Query q, float boost) {
    return boost == 1f ? q : new BoostQuery(q, boost);
  }

  private Query authorQuery(String name) {
    List<String> tokens = analyze(PaperFields.AUTHOR, name);
    if (tokens.isEmpty()) {
      return new MatchNoDocsQuery("author filter has no letters");
    }
    if (tokens.size() == 1) {
      return new TermQuery(new Term(PaperFields.AUTHOR, tokens.get(0)));
    }
    return new PhraseQuery(PaperFields.AUTHOR, tokens.toArray(String[]::new));
  }

  private List<String> analyze(String field, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static int countClauses(Query q) {
    if (q instanceof BooleanQuery bq) {
      int n = 0;
      for (var clause : bq.clauses()) {
        n += countClauses(clause.query());
      }
      return n;
    }
    if (q instanceof BoostQuery boost) {
      return countClauses(boost.getQuery());
    }
    return 1;
  }
}
