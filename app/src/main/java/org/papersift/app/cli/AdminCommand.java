package org.papersift.app.cli;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.papersift.app.Papersift;
import org.papersift.app.digest.DigestSettings;
import org.papersift.app.site.SitePasswordResets;
import org.papersift.core.account.User;
import org.papersift.core.mail.LinkTokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * papersift admin: who may see the admin pages (/admin/digest: the outbox, any subscriber's
 * digest). Granted here, by whoever runs the server, to an account that exists: an address
 * listed in advance would go to whoever signs up with it first. Also the operator's way to help a
 * reader who forgot the password on a site that sends no mail: a reset link to hand over.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = {"Grant or take back admin rights (the site's admin pages) of an account, or",
        "list the admins. The account must exist: sign up on the site first. reset-link makes",
        "a link that lets a reader who forgot the password choose a new one."},
    subcommands = {AdminCommand.Grant.class, AdminCommand.Revoke.class,
        AdminCommand.ListAdmins.class, AdminCommand.ResetLink.class})
final class AdminCommand implements Runnable {
  @ParentCommand Main main;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this),
        "admin needs a subcommand: grant, revoke or list");
  }

  private static int set(Main main, String email, boolean admin) {
    try (Papersift app = Papersift.open(main.dataDir())) {
      if (!app.users().setAdmin(email.strip(), admin)) {
        System.err.println("papersift: no account has the address " + email.strip()
            + (admin ? "; sign up on the site with it first" : ""));
        return Main.EXIT_FAILED;
      }
      System.out.println(email.strip() + (admin ? " is an admin" : " is no longer an admin"));
    }
    return Main.EXIT_OK;
  }

  @Command(name = "grant", mixinStandardHelpOptions = true,
      description = "Make the account with this email address an admin.")
  static final class Grant implements Callable<Integer> {
    @ParentCommand AdminCommand admin;

    @Parameters(paramLabel = "EMAIL", description = "The account's email address (any case).")
    String email;

    @Override
    public Integer call() {
      return set(admin.main, email, true);
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Take admin rights back from the account with this email address.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand AdminCommand admin;

    @Parameters(paramLabel = "EMAIL", description = "The account's email address (any case).")
    String email;

    @Override
    public Integer call() {
      return set(admin.main, email, false);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the admins.")
  static final class ListAdmins implements Callable<Integer> {
    @ParentCommand AdminCommand admin;

    @Override
    public Integer call() {
      try (Papersift app = Papersift.open(admin.main.dataDir())) {
        List<User> admins = app.users().admins();
        if (admins.isEmpty()) {
          System.out.println("no admins ('papersift admin grant EMAIL' makes one)");
        }
        for (User u : admins) {
          System.out.println(u.email());
        }
      }
      return Main.EXIT_OK;
    }
  }

  @Command(name = "reset-link", mixinStandardHelpOptions = true,
      description = {"Print a link that lets the account with this email address choose a new",
          "password: it works for one hour, once (and no longer once the password changes).",
          "Hand it to the reader only: whoever opens it can take the account over."})
  static final class ResetLink implements Callable<Integer> {
    @ParentCommand AdminCommand admin;
    @Mixin DigestCommand.MailOptions mail;

    @Parameters(paramLabel = "EMAIL", description = "The account's email address (any case).")
    String email;

    @Override
    public Integer call() {
      DigestSettings settings = mail.settings();
      Clock clock = mail.clock();
      try (Papersift app = Papersift.open(admin.main.dataDir());
           SitePasswordResets resets = SitePasswordResets.open(app, settings, clock)) {
        Optional<URI> link = resets.linkFor(email);
        if (link.isEmpty()) {
          System.err.println("papersift: no account has the address " + email.strip());
          return Main.EXIT_FAILED;
        }
        System.out.println(link.get());
        System.err.println("papersift: the link works until " + clock.instant()
            .plus(LinkTokens.Purpose.PASSWORD_RESET.lifetime()).truncatedTo(ChronoUnit.SECONDS)
            + ", once" + (mail.siteUrl == null && System.getenv(DigestSettings.SITE_URL_ENV) == null
                ? "; it points to " + settings.siteUrl() + " (set --site-url or "
                    + DigestSettings.SITE_URL_ENV + " to the site's public address)" : ""));
      }
      return Main.EXIT_OK;
    }
  }
}
