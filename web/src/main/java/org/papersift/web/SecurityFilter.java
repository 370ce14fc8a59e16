package org.papersift.web;

import io.javalin.http.Context;

/** (to be written) Runs before every request: security headers, the session, CSRF checks. */
final class SecurityFilter {
  private final Library library;
  private final WebSettings settings;

  SecurityFilter(Library library, WebSettings settings) {
    this.library = library;
    this.settings = settings;
  }

  void before(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    ctx.header("Referrer-Policy", "same-origin");
  }
}
