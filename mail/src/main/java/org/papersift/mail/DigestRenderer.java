package org.papersift.mail;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders a {@link DigestContent} as the subject, the HTML part and the plain-text part of a
 * digest mail, all from the same record.
 *
 * <p>HTML comes from a jte template ({@code src/main/jte/digest.jte}), compiled at build time as
 * the site's pages are: jte escapes every {@code ${}} for where it stands (text or attribute), so a
 * paper titled {@code <script>} shows as text, and the template reads like the mail it makes. The
 * mail is what phone mail clients handle: one column at most 600 px wide (a table, for clients that
 * ignore max-width on a div), inline styles only (many clients drop {@code <style>}), no images, no
 * script, system fonts. The plain text is built here, wrapped at 72 columns with the links on lines
 * of their own so they stay clickable.
 *
 * <p>Thread-safe (the template engine is); make one and share it.
 */
public final class DigestRenderer {
  private static final int WIDTH = 72;

  private final TemplateEngine templates = TemplateEngine.createPrecompiled(null,
      ContentType.Html, DigestRenderer.class.getClassLoader(), "org.papersift.mail.jte");

  /** "papersift · Monday, 23 November 2026 · 12 papers". One line, whatever the label holds. */
  public String subject(DigestContent content) {
    int n = content.paperCount();
    return oneLine("papersift · " + content.periodLabel() + " · " + n
        + (n == 1 ? " paper" : " papers"));
  }

  public String html(DigestContent content) {
    StringOutput out = new StringOutput(16_384);
    templates.render("digest.jte", Map.of("content", content, "subject", subject(content)), out);
    return out.toString();
  }

  public String text(DigestContent content) {
    StringBuilder out = new StringBuilder(8_192);
    out.append("papersift · ").append(oneLine(content.periodLabel())).append("\n");
    for (DigestSection section : content.sections()) {
      out.append("\n\n");
      String title = oneLine(section.title()).toUpperCase(java.util.Locale.ROOT);
      out.append(title).append('\n').append("=".repeat(Math.min(WIDTH, title.length())))
          .append('\n');
      if (!section.note().isEmpty()) {
        wrap(out, "", section.note(), "");
      }
      for (DigestPaper p : section.papers()) {
        out.append('\n');
        wrap(out, "* ", p.title(), "  ");
        if (!p.authors().isEmpty()) {
          wrap(out, "  ", p.authorLine(), "  ");
        }
        if (!p.excerpt().isEmpty()) {
          wrap(out, "  ", p.excerpt(), "  ");
        }
        out.append("  ").append(p.pageUrl()).append('\n');
        if (p.arxivUrl() != null) {
          out.append("  arXiv: ").append(p.arxivUrl()).append('\n');
        }
        if (p.pdfUrl() != null) {
          out.append("  PDF: ").append(p.pdfUrl()).append('\n');
        }
      }
    }
    out.append("\n-- \n");
    wrap(out, "", "You get this digest because " + content.recipient() + " subscribed at "
        + content.siteUrl().getHost() + ". Unsubscribe with one click, no sign-in needed:", "");
    out.append(content.unsubscribeUrl()).append('\n');
    return out.toString();
  }

  /** The double opt-in mail's HTML part (src/main/jte/confirm.jte). */
  public String confirmHtml(ConfirmContent content) {
    StringOutput out = new StringOutput(2_048);
    templates.render("confirm.jte", Map.of("content", content), out);
    return out.toString();
  }

  /** The double opt-in mail's plain-text part: the same words, the link on a line of its own. */
  public String confirmText(ConfirmContent content) {
    return linkMailText("Someone, probably you, asked " + content.siteHost() + " to send"
        + " papersift digests to " + content.email() + ", " + content.schedule() + ".",
        "To confirm, open this link (it works for " + content.validDays() + " days):",
        content.link(), "If it was not you, ignore this mail: nothing more is sent without the"
        + " confirmation.");
  }

  /** The "choose a new password" mail's HTML part (src/main/jte/reset.jte). */
  public String resetHtml(ResetContent content) {
    StringOutput out = new StringOutput(2_048);
    templates.render("reset.jte", Map.of("content", content), out);
    return out.toString();
  }

  /** The "choose a new password" mail's plain-text part: the same words. */
  public String resetText(ResetContent content) {
    return linkMailText("Someone, probably you, asked " + content.siteHost() + " for a link to"
        + " choose a new password for the papersift account " + content.email() + ".",
        "To choose one, open this link (it works for " + content.validFor() + ", once):",
        content.link(), "If it was not you, ignore this mail: your password stays as it is.");
  }

  /**
   * The plain text of a mail that asks the reader to open one link: why it came, the link on a
   * line of its own, what happens if the reader does nothing.
   */
  private static String linkMailText(String why, String open, Object link, String otherwise) {
    StringBuilder out = new StringBuilder(512);
    wrap(out, "", why, "");
    out.append('\n');
    wrap(out, "", open, "");
    out.append('\n').append(link).append("\n\n");
    wrap(out, "", otherwise, "");
    return out.toString();
  }

  /**
   * Appends {@code prefix} and {@code text} (made one line) wrapped at {@value #WIDTH} columns at
   * spaces, continuation lines indented by {@code indent}. A word longer than a line (a URL) gets
   * a line of its own, unbroken.
   */
  private static void wrap(StringBuilder out, String prefix, String text, String indent) {
    out.append(prefix);
    int column = prefix.length();
    boolean first = true;
    for (String word : oneLine(text).split(" ")) {
      if (!first && column + 1 + word.length() > WIDTH) {
        out.append('\n').append(indent);
        column = indent.length();
      } else if (!first) {
        out.append(' ');
        column++;
      }
      out.append(word);
      column += word.length();
      first = false;
    }
    out.append('\n');
  }

  /** Control characters and line breaks become spaces: one line, nothing a header could split. */
  static String oneLine(String s) {
    return isOneLine(s) ? s : BREAKS.matcher(s).replaceAll(" ").strip();
  }

  /** Whether {@code s} is one line already (no control character, single spaces, no edges). */
  private static boolean isOneLine(String s) {
    int n = s.length();
    if (n == 0) {
      return true;
    }
    if (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
      return false;
    }
    char previous = 'x';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == ' ' ? previous == ' ' : c < 0x20 || (c >= 0x7f && c <= 0xa0)
          || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029
          || c == 0x202f || c == 0x205f || c == 0x3000 || c == 0x85 || c == 0x180e) {
        return false;
      }
      previous = c;
    }
    return true;
  }

  private static final java.util.regex.Pattern BREAKS =
      java.util.regex.Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\s]+");
}
