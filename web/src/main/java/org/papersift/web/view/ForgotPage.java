package org.papersift.web.view;

/**
 * "Forgot your password?": the form asking for the address, or (with {@code sent}) the answer
 * that is the same for every address.
 *
 * @param email the address as typed, shown again in the form
 * @param message why the form was refused (bad address, too many requests), or null
 * @param sent whether the request was taken (the page then says a link may be on its way)
 * @param mailEnabled false when the site sends no mail: the page sends readers to its operator
 */
public record ForgotPage(String email, String message, boolean sent, boolean mailEnabled) {
  public ForgotPage {
    email = email == null ? "" : email;
  }
}
