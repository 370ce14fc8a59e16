package org.papersift.web.view;

/**
 * The page of a reset link: the form for the new password when the link works, else why not.
 *
 * @param email the account's address (for password managers), when the link works
 * @param token the link's token, posted back with the form, when the link works
 * @param message why the new password was refused (too short, the two differ), or null
 * @param problem why the link does not work, or null when it does
 */
public record ResetPage(String email, String token, String message, String problem) {
  public static ResetPage broken(String problem) {
    return new ResetPage(null, null, null, problem);
  }

  public boolean works() {
    return problem == null;
  }
}
