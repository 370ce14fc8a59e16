package org.papersift.web.view;

/**
 * The subscribe form (and, with {@code message}, why it was refused).
 *
 * @param mailEnabled false when the site has no SMTP settings yet (the page says so)
 */
public record SubscribePage(String email, ScheduleForm schedule, String message,
    boolean mailEnabled) {
  public SubscribePage {
    email = email == null ? "" : email;
  }
}
