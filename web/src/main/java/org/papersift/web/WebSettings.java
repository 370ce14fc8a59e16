package org.papersift.web;

import java.time.Clock;
import java.time.Duration;

/**
 * Settings of the site.
 *
 * @param secret key for signing tokens (CSRF, links); at least 32 random bytes, kept by the
 *     data directory so tokens survive a restart
 * @param secureCookies mark cookies Secure (set when served over HTTPS, e.g. behind a proxy)
 * @param sessionLifetime how long a sign-in lasts
 */
public record WebSettings(byte[] secret, boolean secureCookies, Duration sessionLifetime,
    Clock clock) {
  public WebSettings {
    if (secret == null || secret.length < 32) {
      throw new IllegalArgumentException("the signing secret must have at least 32 bytes");
    }
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }
}
