package org.papersift.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.papersift.app.Papersift;
import org.papersift.core.account.User;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * papersift admin: who may see the admin pages (/admin/digest: the outbox, any subscriber's
 * digest). Granted here, by whoever runs the server, to an account that exists: an address
 * listed in advance would go to whoever signs up with it first.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = {"Grant or take back admin rights (the site's admin pages) of an account, or",
        "list the admins. The account must exist: sign up on the site first."},
    subcommands = {AdminCommand.Grant.class, AdminCommand.Revoke.class,
        AdminCommand.ListAdmins.class})
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
}
