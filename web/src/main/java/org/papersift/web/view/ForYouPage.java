package org.papersift.web.view;

import java.util.List;

/** A reader's recommended papers, and notes on them ("save a few papers first"). */
public record ForYouPage(Listing listing, List<String> notes) {
  public ForYouPage {
    notes = List.copyOf(notes);
  }
}
