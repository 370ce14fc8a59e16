package org.papersift.web;

import io.javalin.config.RoutesConfig;

/** (to be written) */
final class PageRoutes {
  private final Library library;
  private final Templates templates;
  private final WebSettings settings;

  PageRoutes(Library library, Templates templates, WebSettings settings) {
    this.library = library;
    this.templates = templates;
    this.settings = settings;
  }

  void register(RoutesConfig routes) {
  }
}
