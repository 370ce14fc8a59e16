package org.papersift.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/** The jte templates (src/main/jte), compiled to classes at build time. */
public final class Templates {
  /** What every page is sent as: the charset in the header too, not only in the page's meta. */
  public static final String HTML = "text/html; charset=utf-8";

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code name} (e.g. "paper.jte") with these parameters as the HTML response. */
  public void render(Context ctx, String name, Map<String, Object> params) {
    ctx.contentType(HTML).result(render(name, params));
  }

  public String render(String name, Map<String, Object> params) {
    StringOutput out = new StringOutput(8192);
    engine.render(name, params, out);
    return out.toString();
  }
}
