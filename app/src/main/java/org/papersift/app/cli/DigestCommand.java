package org.papersift.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.papersift.app.Papersift;
import org.papersift.app.digest.DigestPlanner;
import org.papersift.app.digest.DigestRound;
import org.papersift.app.digest.DigestSettings;
import org.papersift.app.site.SiteSubscriptions;
import org.papersift.core.mail.OutboxCounts;
import org.papersift.core.mail.OutboxEntry;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.OutboxStatus;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.mail.SubscriberStatus;
import org.papersift.mail.MailSettings;
import org.papersift.store.Outbox;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** papersift digest: the mail side of papersift for cron and admins. */
@Command(name = "digest", mixinStandardHelpOptions = true,
    description = {"Digests by email: plan and send them (for cron), see the outbox, preview a",
        "digest, and manage subscribers as an admin."},
    subcommands = {DigestCommand.Run.class, DigestCommand.Status.class,
        DigestCommand.Preview.class, DigestCommand.Subscribe.class,
        DigestCommand.Unsubscribe.class, DigestCommand.Retry.class},
    footer = {"", "Environment: PAPERSIFT_SMTP_HOST, PAPERSIFT_SMTP_PORT, PAPERSIFT_SMTP_SECURITY",
        "(starttls, tls, none), PAPERSIFT_SMTP_USERNAME, PAPERSIFT_SMTP_PASSWORD,",
        "PAPERSIFT_MAIL_FROM, PAPERSIFT_SITE_URL (the site's address in links)."})
final class DigestCommand implements Runnable {
  /** Where links in mails point when neither --site-url nor PAPERSIFT_SITE_URL says. */
  static final String DEFAULT_SITE_URL = "http://127.0.0.1:8080/";

  @ParentCommand Main main;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "digest needs a subcommand:"
        + " run, status, preview, subscribe, unsubscribe or retry");
  }

  /** The options every subcommand that makes mail takes. */
  static final class MailOptions {
    @Option(names = "--site-url", paramLabel = "URL",
        description = "The site's public address, for the links in mails (default:"
            + " $PAPERSIFT_SITE_URL, else " + DEFAULT_SITE_URL + ").")
    String siteUrl;

    @Option(names = "--at", hidden = true, paramLabel = "INSTANT",
        description = "Act as if it were this time (ISO-8601, e.g. 2026-11-23T08:00:00Z).")
    String at;

    DigestSettings settings() {
      return DigestSettings.fromEnvironment(System.getenv(), siteUrl, DEFAULT_SITE_URL);
    }

    Clock clock() {
      if (at == null) {
        return Clock.systemUTC();
      }
      try {
        return Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--at: expected an instant such as"
            + " 2026-11-23T08:00:00Z, got \"" + at + "\"");
      }
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Plan the digests that are due and send what the outbox holds (digests,",
          "confirmation mails, retries), once: for cron, e.g. every 5 minutes. 'papersift serve'",
          "does the same every minute when SMTP is configured."})
  static final class Run implements Callable<Integer> {
    @ParentCommand DigestCommand digest;
    @Mixin MailOptions mail;

    @Option(names = "--no-send", description = "Plan only; leave the mail in the outbox.")
    boolean noSend;

    @Override
    public Integer call() {
      DigestSettings settings = mail.settings();
      Clock clock = mail.clock();
      MailSettings smtp = null;
      if (!noSend) {
        smtp = settings.smtp().orElseThrow(() -> new IllegalArgumentException("mail is off:"
            + " set PAPERSIFT_SMTP_HOST and PAPERSIFT_MAIL_FROM (see 'papersift digest --help'),"
            + " or plan only with --no-send"));
      }
      try (Papersift app = Papersift.open(digest.main.dataDir())) {
        if (app.index().writable()) {
          app.catchUpIndex(n -> { });
        }
        DigestPlanner planner = new DigestPlanner(app, settings);
        DigestRound.Result r = new DigestRound(app, planner, clock).run(smtp);
        System.out.println("digest run: " + r.line());
        if (r.troubled()) {
          System.err.println("papersift: " + (r.planned().failed() > 0
              ? "some digests could not be planned: " + r.planned().firstError()
              : "sending stopped: " + r.sent().stopped())
              + " (the next run tries again)");
          return Main.EXIT_FAILED;
        }
      }
      return Main.EXIT_OK;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = {"The outbox (pending, sent, failed, bounced, with the latest problems) and",
          "the subscribers by status."})
  static final class Status implements Callable<Integer> {
    @ParentCommand DigestCommand digest;

    @Option(names = "--problems", defaultValue = "10", paramLabel = "N",
        description = "List at most N failed and bounced messages (default: ${DEFAULT-VALUE}).")
    int problems;

    @Override
    public Integer call() {
      if (problems < 0) {
        throw new IllegalArgumentException("--problems must not be negative, got " + problems);
      }
      PrintStream out = System.out;
      try (Papersift app = Papersift.open(digest.main.dataDir())) {
        Instant now = Instant.now();
        OutboxCounts c = app.outbox().counts(now);
        out.printf("outbox: %,d pending (%,d planned, %,d due now, %,d sending), %,d sent,"
                + " %,d failed, %,d bounced, %,d cancelled%n", c.pending(), c.planned(), c.due(),
            c.sending(), c.sent(), c.failed(), c.bounced(), c.cancelled());
        Map<SubscriberStatus, Integer> subs = app.subscriptions().counts();
        out.printf("subscribers: %,d active, %,d pending confirmation, %,d unsubscribed%n",
            subs.get(SubscriberStatus.ACTIVE), subs.get(SubscriberStatus.PENDING),
            subs.get(SubscriberStatus.UNSUBSCRIBED));
        out.println("mail: " + (DigestSettings.fromEnvironment(System.getenv(), null,
            DEFAULT_SITE_URL).smtp().map(MailSettings::toString)
            .orElse("off (PAPERSIFT_SMTP_HOST is not set)")));
        List<OutboxEntry> latest = new ArrayList<>();
        latest.addAll(app.outbox().entries(OutboxStatus.FAILED, problems));
        latest.addAll(app.outbox().entries(OutboxStatus.BOUNCED, problems));
        latest.sort(Comparator.comparingLong(OutboxEntry::id).reversed());
        if (!latest.isEmpty()) {
          out.println("latest problems (retry one with 'papersift digest retry ID'):");
          for (OutboxEntry e : latest.subList(0, Math.min(problems, latest.size()))) {
            out.printf("  %d  %s  %s %s to %s, %d attempt%s: %s%n", e.id(),
                e.status().id(), e.key().kind(), e.key().period(), e.recipient(), e.attempts(),
                e.attempts() == 1 ? "" : "s", e.lastError());
          }
        }
      }
      return Main.EXIT_OK;
    }
  }

  @Command(name = "preview", mixinStandardHelpOptions = true,
      description = {"Write the digest a subscriber would get now as an .eml file: the exact",
          "message (headers and MIME parts) that sending would hand to SMTP. Plans nothing."})
  static final class Preview implements Callable<Integer> {
    @ParentCommand DigestCommand digest;
    @Mixin MailOptions mail;

    @Option(names = "--email", required = true, paramLabel = "ADDR",
        description = "The subscriber's address.")
    String email;

    @Option(names = "--out", paramLabel = "FILE",
        description = "Where to write it (default: digest-ADDR.eml here).")
    Path out;

    @Override
    public Integer call() throws IOException {
      DigestSettings settings = mail.settings();
      Clock clock = mail.clock();
      try (Papersift app = Papersift.open(digest.main.dataDir())) {
        Optional<Subscriber> found = app.subscriptions().byEmail(email);
        if (found.isEmpty()) {
          System.err.println("papersift: no subscriber has the address " + email);
          return Main.EXIT_FAILED;
        }
        Subscriber s = found.get();
        DigestPlanner planner = new DigestPlanner(app, settings);
        Instant now = clock.instant();
        DigestPlanner.Built built = planner.preview(s, now);
        OutboxMessage m = planner.message(built, now);
        Path file = out != null ? out
            : Path.of("digest-" + s.email().replaceAll("[^A-Za-z0-9@._+-]", "_") + ".eml");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.write(file, m.eml());
        String period = built.period();
        String state;
        if (!s.active()) {
          state = "not sent: the subscription is " + s.status().id();
        } else if (period.equals(s.lastDigestPeriod())) {
          state = "the digest of " + period + " was planned already; the next one comes "
              + "at the next slot";
        } else if (built.content().isEmpty() && !s.sendEmpty()) {
          state = "it has no paper, so it would not be sent";
        } else {
          state = "due: the next run plans it";
        }
        System.out.printf("wrote %s (%,d bytes): \"%s\", %d paper%s, period %s (%s)%n", file,
            m.eml().length, m.subject(), built.content().paperCount(),
            built.content().paperCount() == 1 ? "" : "s", period, state);
      }
      return Main.EXIT_OK;
    }
  }

  @Command(name = "subscribe", mixinStandardHelpOptions = true,
      description = {"Subscribe an address (admin). It gets a confirmation mail with a signed",
          "link, unless --confirmed says the owner agreed already."})
  static final class Subscribe implements Callable<Integer> {
    @ParentCommand DigestCommand digest;
    @Mixin MailOptions mail;

    @Option(names = "--email", required = true, paramLabel = "ADDR", description = "The address.")
    String email;

    @Option(names = "--cadence", defaultValue = "daily",
        description = "daily (Monday to Friday) or weekly (Mondays) (default: ${DEFAULT-VALUE}).")
    String cadence;

    @Option(names = "--time", defaultValue = "08:00", paramLabel = "HH:MM",
        description = "Local time of day (default: ${DEFAULT-VALUE}).")
    String time;

    @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE",
        description = "Time zone, e.g. Europe/Paris (default: ${DEFAULT-VALUE}).")
    String zone;

    @Option(names = "--confirmed",
        description = "Active at once, without a confirmation mail (only with the owner's"
            + " consent).")
    boolean confirmed;

    @Option(names = "--send-empty", negatable = true,
        description = "Also send a digest when it has no paper (default: no).")
    Boolean sendEmpty;

    @Override
    public Integer call() {
      var schedule = SiteSubscriptions.schedule(cadence, time, zone);
      DigestSettings settings = mail.settings();
      Clock clock = mail.clock();
      try (Papersift app = Papersift.open(digest.main.dataDir())) {
        Instant now = clock.instant();
        Subscriber s;
        String what;
        if (confirmed) {
          String typed = org.papersift.core.mail.EmailAddresses.normalize(email);
          String problem = org.papersift.core.mail.EmailAddresses.problem(typed);
          if (problem != null) {
            throw new IllegalArgumentException(problem);
          }
          s = app.subscriptions().subscribe(typed, null, schedule, now);
          if (s.status() == SubscriberStatus.PENDING) {
            s = app.subscriptions().confirm(s.id(), now, schedule.period(now)).orElse(s);
            what = "active (confirmed by the admin); the first digest comes at the next slot";
          } else {
            what = "already active; its schedule is unchanged";
          }
        } else {
          SiteSubscriptions site = SiteSubscriptions.open(app, settings, clock);
          SiteSubscriptions.Subscribed r = site.subscribeAs(email, null, schedule);
          s = r.subscriber();
          what = r.confirmMail() == null ? "already active; its schedule is unchanged"
              : switch (r.confirmMail()) {
                case PLANNED -> "pending: a confirmation mail is in the outbox"
                    + (settings.mailEnabled() ? "" : " (sent once SMTP is configured)");
                case TOO_SOON, ALREADY_PLANNED -> "pending: no new confirmation mail, one was"
                    + " planned less than " + DigestSettings.CONFIRM_GAP.toMinutes()
                    + " minutes ago";
                case OVER_LIMIT -> "pending: no confirmation mail, the hourly limit of "
                    + settings.confirmsPerHour() + " is reached; try again later";
                case UNSUBSCRIBED -> "pending";
              };
        }
        if (sendEmpty != null) {
          s = app.subscriptions().setSendEmpty(s.id(), sendEmpty).orElse(s);
        }
        System.out.printf("subscriber %d %s: %s, %s%s%n", s.id(), s.email(), what,
            org.papersift.app.digest.ConfirmMail.describe(s.schedule()),
            s.sendEmpty() ? ", empty digests too" : "");
      }
      return Main.EXIT_OK;
    }
  }

  @Command(name = "unsubscribe", mixinStandardHelpOptions = true,
      description = "Unsubscribe an address; its mail still waiting in the outbox is cancelled.")
  static final class Unsubscribe implements Callable<Integer> {
    @ParentCommand DigestCommand digest;

    @Option(names = "--email", required = true, paramLabel = "ADDR", description = "The address.")
    String email;

    @Override
    public Integer call() {
      try (Papersift app = Papersift.open(digest.main.dataDir())) {
        Optional<Subscriber> s = app.subscriptions().byEmail(email);
        if (s.isEmpty()) {
          System.err.println("papersift: no subscriber has the address " + email);
          return Main.EXIT_FAILED;
        }
        boolean already = s.get().status() == SubscriberStatus.UNSUBSCRIBED;
        app.subscriptions().unsubscribe(s.get().id(), Instant.now());
        System.out.println("subscriber " + s.get().id() + " " + s.get().email() + ": "
            + (already ? "unsubscribed already" : "unsubscribed"));
      }
      return Main.EXIT_OK;
    }
  }

  @Command(name = "retry", mixinStandardHelpOptions = true,
      description = {"Send a failed or bounced message again (admin), e.g. after fixing the SMTP",
          "settings: it is planned again with a fresh count of attempts."})
  static final class Retry implements Callable<Integer> {
    @ParentCommand DigestCommand digest;

    @Parameters(paramLabel = "ID", description = "The outbox row ('papersift digest status').")
    long id;

    @Override
    public Integer call() {
      try (Papersift app = Papersift.open(digest.main.dataDir())) {
        Outbox outbox = app.outbox();
        if (!outbox.retry(id, Instant.now())) {
          System.err.println("papersift: outbox row " + id + " is not a failed or bounced"
              + " message with its body kept; see 'papersift digest status'");
          return Main.EXIT_FAILED;
        }
        System.out.println("outbox row " + id + " is planned again; the next run sends it");
      }
      return Main.EXIT_OK;
    }
  }
}
