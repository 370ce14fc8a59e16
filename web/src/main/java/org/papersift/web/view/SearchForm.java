package org.papersift.web.view;

/** What the search form was filled in with, to show it again (never null fields). */
public record SearchForm(String q, String mode, String cat, String author, String from,
    String to) {
  public SearchForm {
    q = q == null ? "" : q;
    mode = mode == null ? "" : mode;
    cat = cat == null ? "" : cat;
    author = author == null ? "" : author;
    from = from == null ? "" : from;
    to = to == null ? "" : to;
  }

  public static SearchForm empty() {
    return new SearchForm("", "", "", "", "", "");
  }

  public boolean filtered() {
    return !cat.isBlank() || !author.isBlank() || !from.isBlank() || !to.isBlank();
  }

  public boolean blank() {
    return q.isBlank() && !filtered();
  }
}
