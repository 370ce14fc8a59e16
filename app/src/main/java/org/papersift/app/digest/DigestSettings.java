package org.papersift.app.digest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.papersift.core.mail.EmailAddresses;
import org.papersift.mail.MailSettings;

/**
 * How papersift mails digests: the site's public address (for links in mails), the From
 * address, the SMTP server (if any), and the limits on confirmation mails.
 *
 * <p>Environment: {@code PAPERSIFT_SITE_URL} (the site's public base URL; the {@code --site-url}
 * option wins), the SMTP variables of {@link MailSettings}, {@code PAPERSIFT_MAIL_FROM} (also
 * without SMTP: mail planned before SMTP is configured carries it) and {@code
 * PAPERSIFT_CONFIRM_MAILS_PER_HOUR} (default {@value #DEFAULT_CONFIRMS_PER_HOUR}).
 *
 * @param siteUrl the site's base URL, ending with "/"
 * @param from the From header of every mail
 * @param smtp the server, or empty when papersift sends no mail (mail waits in the outbox)
 * @param confirmsPerHour confirmation mails planned per hour for everyone, at most
 */
public record DigestSettings(URI siteUrl, String from, Optional<MailSettings> smtp,
    int confirmsPerHour) {
  /** At most one confirmation mail per address within this time. */
  public static final Duration CONFIRM_GAP = Duration.ofMinutes(10);
  public static final int DEFAULT_CONFIRMS_PER_HOUR = 100;
  public static final String SITE_URL_ENV = "PAPERSIFT_SITE_URL";

  public DigestSettings {
    siteUrl = siteUrl(Objects.requireNonNull(siteUrl, "siteUrl").toString());
    MailSettings.fromAddress(from); // checks it
    Objects.requireNonNull(smtp, "smtp");
    if (confirmsPerHour < 1) {
      throw new IllegalArgumentException("confirmation mails per hour: expected at least 1, got "
          + confirmsPerHour);
    }
  }

  /** Whether mail goes out (SMTP is configured). */
  public boolean mailEnabled() {
    return smtp.isPresent();
  }

  /**
   * Settings from {@code env}; {@code siteUrlOption} (may be null) wins over PAPERSIFT_SITE_URL,
   * which wins over {@code defaultSiteUrl}.
   */
  public static DigestSettings fromEnvironment(Map<String, String> env, String siteUrlOption,
      String defaultSiteUrl) {
    String site = siteUrlOption != null && !siteUrlOption.isBlank() ? siteUrlOption
        : env.getOrDefault(SITE_URL_ENV, "").isBlank() ? defaultSiteUrl : env.get(SITE_URL_ENV);
    URI siteUrl = siteUrl(site);
    Optional<MailSettings> smtp = MailSettings.fromEnvironment(env);
    String fromEnv = env.get("PAPERSIFT_MAIL_FROM");
    String from = smtp.map(MailSettings::from).orElse(fromEnv != null && !fromEnv.isBlank()
        ? fromEnv.strip() : defaultFrom(siteUrl));
    String perHour = env.get("PAPERSIFT_CONFIRM_MAILS_PER_HOUR");
    int confirms = DEFAULT_CONFIRMS_PER_HOUR;
    if (perHour != null && !perHour.isBlank()) {
      try {
        confirms = Integer.parseInt(perHour.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("PAPERSIFT_CONFIRM_MAILS_PER_HOUR must be a whole"
            + " number, got \"" + perHour + "\"");
      }
    }
    return new DigestSettings(siteUrl, from, smtp, confirms);
  }

  /**
   * A From address when none is configured: digest@ the site's host when that is a domain name,
   * else at papersift.invalid (a name that can never exist, RFC 2606): set PAPERSIFT_MAIL_FROM.
   */
  static String defaultFrom(URI siteUrl) {
    String host = siteUrl.getHost();
    String candidate = "digest@" + host;
    return "papersift <" + (EmailAddresses.problem(candidate) == null ? candidate
        : "digest@papersift.invalid") + ">";
  }

  /** An http(s) URL with a host, as a base ending with "/"; throws naming the value. */
  public static URI siteUrl(String text) {
    try {
      URI u = new URI(Objects.requireNonNull(text, "site URL").strip());
      String scheme = u.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null) {
        throw new IllegalArgumentException("site URL: expected an http(s) address such as"
            + " https://papers.example.org/, got \"" + text + "\"");
      }
      String s = u.toString();
      return URI.create(s.endsWith("/") ? s : s + "/");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("site URL: expected an http(s) address such as"
          + " https://papers.example.org/, got \"" + text + "\"", e);
    }
  }
}
