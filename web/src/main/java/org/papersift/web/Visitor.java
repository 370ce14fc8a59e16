package org.papersift.web;

import io.javalin.http.Context;
import org.papersift.core.account.User;

/**
 * Who is asking: the signed-in user (null for anonymous) and the CSRF token that every form on
 * the page must send back. Set on each request by the security filter; pages read it with
 * {@link #of(Context)}.
 */
public record Visitor(User user, String csrfToken) {
  static final String ATTRIBUTE = "papersift.visitor";

  public static Visitor of(Context ctx) {
    Visitor v = ctx.attribute(ATTRIBUTE);
    return v == null ? new Visitor(null, "") : v;
  }

  public boolean signedIn() {
    return user != null;
  }

  public void attachTo(Context ctx) {
    ctx.attribute(ATTRIBUTE, this);
  }
}
