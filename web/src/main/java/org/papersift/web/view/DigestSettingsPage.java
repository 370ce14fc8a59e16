package org.papersift.web.view;

import java.util.List;
import org.papersift.core.mail.Alert;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.mail.SubscriberStatus;

/**
 * A reader's digest settings: their subscription (or a form to subscribe) and their alerts.
 *
 * @param subscription the reader's subscription, null when they have none
 * @param schedule the change-schedule form, or the subscribe form when there is no live
 *     subscription
 * @param email the address the subscribe form offers (the account's)
 * @param scheduleMessage why the schedule change was refused, else null
 * @param alertName the add-alert form's name as typed
 * @param alertQuery the add-alert form's query as typed
 * @param alertMessage why the alert was refused, else null
 * @param notice what the last change did ("Alert saved."), else null
 * @param admin whether to link the admin page
 */
public record DigestSettingsPage(Subscriber subscription, ScheduleForm schedule, String email,
    String scheduleMessage, List<Alert> alerts, String alertName, String alertQuery,
    String alertMessage, String notice, boolean mailEnabled, boolean admin) {
  public DigestSettingsPage {
    alerts = List.copyOf(alerts);
    alertName = alertName == null ? "" : alertName;
    alertQuery = alertQuery == null ? "" : alertQuery;
  }

  /** Whether the reader has a subscription that has not been left (pending or active). */
  public boolean subscribed() {
    return subscription != null
        && subscription.status() != SubscriberStatus.UNSUBSCRIBED;
  }

  public boolean pending() {
    return subscription != null
        && subscription.status() == SubscriberStatus.PENDING;
  }

  public boolean unsubscribed() {
    return subscription != null && !subscribed();
  }

  /** The search page's address for an alert's query. */
  public static String searchUrl(Alert alert) {
    return "/search?q=" + Urls.query(alert.query());
  }
}
