package org.papersift.web;

import io.javalin.config.RoutesConfig;

/** (to be written) */
final class AccountRoutes {
  private final Library library;
  private final Templates templates;
  private final WebSettings settings;

  AccountRoutes(Library library, Templates templates, WebSettings settings) {
    this.library = library;
    this.templates = templates;
    this.settings = settings;
  }

  void register(RoutesConfig routes) {
  }
}
