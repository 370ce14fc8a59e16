package org.papersift.web.view;

import org.papersift.core.mail.OutboxCounts;

/**
 * The admin's view of digests: the outbox by status and a preview of one subscriber's digest.
 *
 * @param email the address asked about, "" when none
 * @param previewUrl the sandboxed preview of that address's digest; null when there is none
 * @param message why there is no preview, else null
 */
public record AdminDigestPage(OutboxCounts outbox, boolean mailEnabled, String email,
    String previewUrl, String message) {
  public AdminDigestPage {
    email = email == null ? "" : email;
  }
}
