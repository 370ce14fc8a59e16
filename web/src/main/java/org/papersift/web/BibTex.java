package org.papersift.web;

import org.papersift.core.paper.Paper;

/** Minimal stand-in on the accounts branch; the pages branch has the real formatter. */
final class BibTex {
  private BibTex() {}

  static String entry(Paper p) {
    return "@misc{" + p.id() + ",\n  title = {" + p.title() + "}\n}\n";
  }
}
