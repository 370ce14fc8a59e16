package org.papersift.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.papersift.core.account.Credentials;
import org.papersift.core.account.LibraryEntry;
import org.papersift.core.account.User;
import org.papersift.core.account.UserStore;
import org.papersift.core.mail.EmailAddresses;
import org.papersift.core.paper.InvalidPaperException;
import org.papersift.core.paper.Paper;
import org.papersift.core.paper.PaperId;

/**
 * Accounts, votes and the personal library: sign-up, sign-in and out, the account page (password
 * change), the library page and its exports, and the vote and save forms (plus a JSON variant of
 * the vote for scripts).
 *
 * <p><b>No user enumeration, and its limit.</b> A failed sign-in reads the same (message, status,
 * page) whether the email is unknown or the password wrong, and takes about as long: an unknown
 * email is checked against a dummy Argon2 hash. A sign-up with an email that already has an
 * account does not say "taken": when the password given is that account's password it simply
 * signs in; otherwise it answers exactly like a failed sign-in ("the email or password is wrong",
 * on the sign-in form), and it goes through the same sign-in rate limits, so it is no side door
 * for guessing. The limit: without email confirmation, whoever tries to sign up can still tell a
 * free address (an account is created and they are signed in) from a taken one (they are not).
 * Closing that needs confirmation mail (issue 5): every sign-up would then answer "check your
 * mail", and the owner of a taken address would get a "you already have an account" mail.
 *
 * <p><b>Rate limits</b> ({@link AccountLimits}) are checked before any password hashing: failed
 * sign-ins per email and per client address, sign-ups per client address. A success gives its
 * token back, so only failures count.
 */
final class AccountRoutes {
  static final int LIBRARY_PAGE_SIZE = 20;
  static final int MAX_NOTE_LENGTH = 10_000;
  static final String WRONG_CREDENTIALS = "The email or password is wrong.";
  private static final int EXPORT_CHUNK = 500;
  private static final Pattern IPV6ISH = Pattern.compile("[0-9A-Fa-f:.]+");

  private final Library library;
  private final Templates templates;
  private final WebSettings settings;
  private final UserStore users;
  private final Sessions sessions;
  private final PasswordHasher hasher;
  private final AccountLimits limits;
  private final RateLimiter signInPerEmail;
  private final RateLimiter signInPerClient;
  private final RateLimiter signUpPerClient;
  private final ObjectMapper json = new ObjectMapper()
      .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

  AccountRoutes(Library library, Templates templates, WebSettings settings) {
    this(library, templates, settings, AccountLimits.DEFAULTS);
  }

  AccountRoutes(Library library, Templates templates, WebSettings settings,
      AccountLimits limits) {
    this(library, templates, settings, limits, new PasswordHasher());
  }

  AccountRoutes(Library library, Templates templates, WebSettings settings, AccountLimits limits,
      PasswordHasher hasher) {
    this.library = library;
    this.templates = templates;
    this.settings = settings;
    this.users = library.users();
    this.sessions = new Sessions(users, settings);
    this.hasher = hasher;
    this.limits = limits;
    this.signInPerEmail = new RateLimiter(limits.signInFailuresPerEmail(),
        limits.maxTrackedKeys(), settings.clock());
    this.signInPerClient = new RateLimiter(limits.signInFailuresPerClient(),
        limits.maxTrackedKeys(), settings.clock());
    this.signUpPerClient = new RateLimiter(limits.signUpsPerClient(), limits.maxTrackedKeys(),
        settings.clock());
  }

  void register(RoutesConfig routes) {
    routes.get("/signup", this::signUpForm);
    routes.post("/signup", this::signUp);
    routes.get("/signin", this::signInForm);
    routes.post("/signin", this::signIn);
    routes.post("/signout", this::signOut);
    routes.get("/account", this::account);
    routes.post("/account/password", this::changePassword);
    routes.get("/library", this::libraryPage);
    routes.get("/library.bib", this::exportBibTex);
    routes.get("/library.jsonl", this::exportJsonLines);
    routes.post("/library/<id>/note", this::editNote);
    routes.post("/papers/<id>/vote", this::vote);
    routes.post("/papers/<id>/save", this::save);
    routes.post("/papers/<id>/unsave", this::unsave);
    routes.post("/api/papers/<id>/vote", ctx -> apiVote(ctx, true));
    routes.delete("/api/papers/<id>/vote", ctx -> apiVote(ctx, false));
    routes.get("/api/session", this::apiSession);
  }

  // ---- sign-up, sign-in, sign-out

  private void signUpForm(Context ctx) {
    if (Visitor.of(ctx).signedIn()) {
      ctx.redirect(safeReturn(ctx.queryParam("return"), "/"), HttpStatus.SEE_OTHER);
      return;
    }
    renderSignUp(ctx, 200, "", ctx.queryParam("return"), null);
  }

  private void signUp(Context ctx) {
    String email = EmailAddresses.normalize(ctx.formParam("email"));
    String password = orEmpty(ctx.formParam("password"));
    String returnParam = ctx.formParam("return");
    String problem = EmailAddresses.problem(email);
    if (problem == null && !PasswordHasher.acceptableLength(password)) {
      problem = "A password has " + PasswordHasher.MIN_LENGTH + " to 1,024 characters.";
    }
    if (problem == null && !password.equals(ctx.formParam("confirm"))) {
      problem = "The two passwords differ.";
    }
    if (problem != null) {
      renderSignUp(ctx, 400, email, returnParam, problem);
      return;
    }
    Duration wait = signUpPerClient.tryAcquire(clientKey(ctx));
    if (wait != null) {
      retryAfter(ctx, wait);
      renderSignUp(ctx, 429, email, returnParam,
          "Too many sign-ups from your network. Try again in " + minutes(wait) + ".");
      return;
    }
    Optional<Credentials> existing = users.credentials(email);
    if (existing.isEmpty()) {
      Optional<User> created = users.createUser(email, hasher.hash(password), now());
      if (created.isPresent()) {
        sessions.start(ctx, created.get());
        ctx.redirect(safeReturn(returnParam, "/"), HttpStatus.SEE_OTHER);
        return;
      }
      existing = users.credentials(email); // someone else took it a moment ago
    }
    // Taken: a sign-in attempt in all but name (see the class comment).
    wait = acquireSignIn(ctx, email);
    if (wait != null) {
      tooManySignIns(ctx, email, returnParam, wait);
      return;
    }
    finishSignIn(ctx, existing, email, password, returnParam);
  }

  private void signInForm(Context ctx) {
    if (Visitor.of(ctx).signedIn()) {
      ctx.redirect(safeReturn(ctx.queryParam("return"), "/"), HttpStatus.SEE_OTHER);
      return;
    }
    renderSignIn(ctx, 200, "", ctx.queryParam("return"), null);
  }

  private void signIn(Context ctx) {
    String email = EmailAddresses.normalize(ctx.formParam("email"));
    String password = orEmpty(ctx.formParam("password"));
    String returnParam = ctx.formParam("return");
    if (email.isEmpty() || password.isEmpty()) {
      renderSignIn(ctx, 400, email, returnParam, "Enter your email and password.");
      return;
    }
    if (email.length() > EmailAddresses.MAX_LENGTH || !PasswordHasher.acceptableLength(password)) {
      // No account can match: no need to hash (the answer does not depend on the account).
      renderSignIn(ctx, 400, email, returnParam, WRONG_CREDENTIALS);
      return;
    }
    Duration wait = acquireSignIn(ctx, email);
    if (wait != null) {
      tooManySignIns(ctx, email, returnParam, wait);
      return;
    }
    finishSignIn(ctx, users.credentials(email), email, password, returnParam);
  }

  /** Checks the password (or a dummy for an unknown email) after the rate limits let it. */
  private void finishSignIn(Context ctx, Optional<Credentials> credentials, String email,
      String password, String returnParam) {
    boolean ok = credentials.isPresent()
        ? hasher.verify(password, credentials.get().passwordHash())
        : hasher.verifyDummy(password);
    if (!ok) {
      renderSignIn(ctx, 400, email, returnParam, WRONG_CREDENTIALS);
      return;
    }
    refundSignIn(ctx, email);
    User user = credentials.get().user();
    if (hasher.needsRehash(credentials.get().passwordHash())) {
      users.setPasswordHash(user.id(), hasher.hash(password));
    }
    sessions.start(ctx, user);
    ctx.redirect(safeReturn(returnParam, "/"), HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx) {
    sessions.end(ctx);
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  // ---- account page

  private void account(Context ctx) {
    User user = pageUser(ctx, currentPathAndQuery(ctx));
    if (user == null) {
      return;
    }
    String notice = "1".equals(ctx.queryParam("changed"))
        ? "Your password was changed, and your other sessions were signed out."
        : "1".equals(ctx.queryParam("reset"))
            ? "Your new password is set. Every other session of your account (other browsers and"
                + " devices) was signed out."
            : null;
    renderAccount(ctx, 200, user, null, notice);
  }

  private void changePassword(Context ctx) {
    User user = pageUser(ctx, "/account");
    if (user == null) {
      return;
    }
    String current = orEmpty(ctx.formParam("current"));
    String password = orEmpty(ctx.formParam("password"));
    if (!PasswordHasher.acceptableLength(password)) {
      renderAccount(ctx, 400, user, "A password has " + PasswordHasher.MIN_LENGTH
          + " to 1,024 characters.", null);
      return;
    }
    if (!password.equals(ctx.formParam("confirm"))) {
      renderAccount(ctx, 400, user, "The two new passwords differ.", null);
      return;
    }
    // A stolen session must not become a way to guess the password: same limits as sign-in.
    Duration wait = acquireSignIn(ctx, user.email());
    if (wait != null) {
      retryAfter(ctx, wait);
      renderAccount(ctx, 429, user, "Too many wrong passwords. Try again in " + minutes(wait)
          + ".", null);
      return;
    }
    Optional<Credentials> credentials = users.credentials(user.email());
    if (credentials.isEmpty() || !hasher.verify(current, credentials.get().passwordHash())) {
      renderAccount(ctx, 400, user, "Your current password is wrong.", null);
      return;
    }
    refundSignIn(ctx, user.email());
    users.setPasswordHash(user.id(), hasher.hash(password));
    String token = Sessions.currentToken(ctx);
    users.deleteSessionsOf(user.id(), token == null ? null : Sessions.hash(token));
    ctx.redirect("/account?changed=1", HttpStatus.SEE_OTHER);
  }

  // ---- library

  private void libraryPage(Context ctx) {
    User user = pageUser(ctx, currentPathAndQuery(ctx));
    if (user == null) {
      return;
    }
    int page = pageNumber(ctx.queryParam("page"));
    int total = users.librarySize(user.id());
    int pages = Math.max(1, (total + LIBRARY_PAGE_SIZE - 1) / LIBRARY_PAGE_SIZE);
    int offset = (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * LIBRARY_PAGE_SIZE);
    List<LibraryEntry> entries = users.library(user.id(), offset, LIBRARY_PAGE_SIZE);
    Map<String, Paper> papers = library.papers(entries.stream().map(LibraryEntry::paperId)
        .toList());
    List<LibraryItem> items = new ArrayList<>(entries.size());
    for (LibraryEntry e : entries) {
      items.add(new LibraryItem(e.paperId(), papers.get(e.paperId()), e.note(), e.savedAt()));
    }
    Map<String, Object> params = new HashMap<>();
    params.put("visitor", Visitor.of(ctx));
    params.put("items", items);
    params.put("page", page);
    params.put("pages", pages);
    params.put("total", total);
    params.put("first", offset + 1);
    params.put("returnTo", page == 1 ? "/library" : "/library?page=" + page);
    templates.render(ctx, "library.jte", params);
  }

  private void exportBibTex(Context ctx) {
    User user = pageUser(ctx, "/library");
    if (user == null) {
      return;
    }
    StringBuilder out = new StringBuilder();
    // Two papers can share a key (same first author, year and title word): a letter suffix
    // keeps every key in the file unique, as BibTeX requires.
    Map<String, Integer> keysSeen = new HashMap<>();
    forEachEntry(user, (entry, paper) -> {
      if (paper != null) {
        if (!out.isEmpty()) {
          out.append('\n');
        }
        String key = BibTex.key(paper);
        int seen = keysSeen.merge(key, 1, Integer::sum);
        out.append(BibTex.format(paper, seen == 1 ? key : key + suffix(seen - 1)));
      }
    });
    download(ctx, "application/x-bibtex; charset=utf-8", "papersift-library.bib",
        out.toString());
  }

  /** 1 → "a", 26 → "z", 27 → "aa": the suffix of a repeated BibTeX key. */
  static String suffix(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = n; i > 0; i = (i - 1) / 26) {
      sb.insert(0, (char) ('a' + (i - 1) % 26));
    }
    return sb.toString();
  }

  private void exportJsonLines(Context ctx) {
    User user = pageUser(ctx, "/library");
    if (user == null) {
      return;
    }
    StringBuilder out = new StringBuilder();
    forEachEntry(user, (entry, paper) -> {
      ObjectNode line = paper != null ? json.valueToTree(PaperView.of(paper))
          : json.createObjectNode().put("id", entry.paperId());
      line.put("note", entry.note());
      line.put("saved_at", entry.savedAt().toString());
      try {
        out.append(json.writeValueAsString(line)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    download(ctx, "application/x-ndjson; charset=utf-8", "papersift-library.jsonl",
        out.toString());
  }

  private interface EntryConsumer {
    void accept(LibraryEntry entry, Paper paper);
  }

  /** Every library entry, most recent first, with its paper (null when no longer stored). */
  private void forEachEntry(User user, EntryConsumer consumer) {
    for (int offset = 0; ; offset += EXPORT_CHUNK) {
      List<LibraryEntry> chunk = users.library(user.id(), offset, EXPORT_CHUNK);
      Map<String, Paper> papers = library.papers(chunk.stream().map(LibraryEntry::paperId)
          .toList());
      for (LibraryEntry e : chunk) {
        consumer.accept(e, papers.get(e.paperId()));
      }
      if (chunk.size() < EXPORT_CHUNK) {
        return;
      }
    }
  }

  private static void download(Context ctx, String type, String filename, String body) {
    ctx.contentType(type);
    ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    ctx.header("Cache-Control", "private, no-store");
    ctx.result(body);
  }

  private void editNote(Context ctx) {
    String id = ctx.pathParam("id");
    String back = safeReturn(ctx.formParam("return"), "/library");
    User user = pageUser(ctx, back);
    if (user == null) {
      return;
    }
    String note = cleanNote(ctx.formParam("note"));
    if (!users.savedAmong(user.id(), List.of(id)).contains(id)) {
      throw new NotFoundResponse("This paper is not in your library.");
    }
    users.save(user.id(), id, note == null ? "" : note, now());
    ctx.redirect(back, HttpStatus.SEE_OTHER);
  }

  // ---- votes and saves from paper pages

  private void vote(Context ctx) {
    String id = requirePaper(ctx);
    String back = safeReturn(ctx.formParam("return"), paperPage(id));
    User user = pageUser(ctx, back);
    if (user == null) {
      return;
    }
    String action = orEmpty(ctx.formParam("action"));
    switch (action) {
      case "up" -> users.vote(user.id(), id, now());
      case "undo" -> users.unvote(user.id(), id);
      default -> throw new IllegalArgumentException("action must be up or undo");
    }
    ctx.redirect(back, HttpStatus.SEE_OTHER);
  }

  private void save(Context ctx) {
    String id = requirePaper(ctx);
    String back = safeReturn(ctx.formParam("return"), paperPage(id));
    User user = pageUser(ctx, back);
    if (user == null) {
      return;
    }
    String note = cleanNote(ctx.formParam("note"));
    if (note != null || !users.savedAmong(user.id(), List.of(id)).contains(id)) {
      // A save button without a note field leaves the note of a saved paper alone.
      users.save(user.id(), id, note == null ? "" : note, now());
    }
    ctx.redirect(back, HttpStatus.SEE_OTHER);
  }

  private void unsave(Context ctx) {
    String id = ctx.pathParam("id");
    String back = safeReturn(ctx.formParam("return"), "/library");
    User user = pageUser(ctx, back);
    if (user == null) {
      return;
    }
    // A paper no longer stored can still be removed from the library.
    if (!users.unsave(user.id(), id) && library.papers(List.of(id)).isEmpty()) {
      throw new NotFoundResponse("No paper " + id + ".");
    }
    ctx.redirect(back, HttpStatus.SEE_OTHER);
  }

  private void apiVote(Context ctx, boolean up) {
    User user = Visitor.of(ctx).user();
    if (user == null) {
      throw new UnauthorizedResponse("Sign in first: voting needs a session cookie (and the"
          + " X-CSRF-Token header, see GET /api/session).");
    }
    String id = requireApiPaper(ctx);
    if (up) {
      users.vote(user.id(), id, now());
    } else {
      users.unvote(user.id(), id);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("upvotes", users.upvotes(List.of(id)).getOrDefault(id, 0));
    body.put("voted", users.votedAmong(user.id(), List.of(id)).contains(id));
    ctx.json(body);
  }

  /** Who is signed in, and the CSRF token scripts send back in X-CSRF-Token. */
  private void apiSession(Context ctx) {
    Visitor v = Visitor.of(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("signed_in", v.signedIn());
    if (v.signedIn()) {
      body.put("email", v.user().email());
      body.put("csrf_token", v.csrfToken());
    }
    ctx.header("Cache-Control", "private, no-store");
    ctx.json(body);
  }

  // ---- helpers

  /** The signed-in user, or null after redirecting to sign-in (coming back to {@code back}). */
  private static User pageUser(Context ctx, String back) {
    User user = Visitor.of(ctx).user();
    if (user == null) {
      ctx.redirect(signInPath(back), HttpStatus.SEE_OTHER);
    }
    return user;
  }

  static String signInPath(String back) {
    return "/signin?return=" + URLEncoder.encode(back, StandardCharsets.UTF_8);
  }

  private String requirePaper(Context ctx) {
    String id = ctx.pathParam("id");
    if (library.papers(List.of(id)).isEmpty()) {
      throw new NotFoundResponse("No paper " + id + ".");
    }
    return id;
  }

  /**
   * The id of the stored paper for any spelling of it (arXiv:, a version, as GET
   * /api/papers/{id} takes them); 404 for unknown and malformed ids alike.
   */
  private String requireApiPaper(Context ctx) {
    String raw = ctx.pathParam("id");
    String id;
    try {
      id = PaperId.parse(raw).id();
    } catch (InvalidPaperException e) {
      throw new NotFoundResponse("No paper with id " + RequestParams.echo(raw) + ".");
    }
    if (library.papers(List.of(id)).isEmpty()) {
      throw new NotFoundResponse("No paper with id " + id + ".");
    }
    return id;
  }

  private static String paperPage(String id) {
    return "/papers/" + id;
  }

  private static String currentPathAndQuery(Context ctx) {
    String q = ctx.queryString();
    return q == null || q.isEmpty() ? ctx.path() : ctx.path() + "?" + q;
  }

  /**
   * Where to go after a form: {@code candidate} when it is a path on this site ("/" then not
   * "/" or "\"), else {@code fallback}. Guards against open redirects ("//evil.example",
   * "/\evil.example", "https://evil.example", tabs or newlines browsers would drop). Characters
   * beyond ASCII are percent-encoded.
   */
  static String safeReturn(String candidate, String fallback) {
    if (candidate == null || candidate.isEmpty() || candidate.length() > 2000
        || candidate.charAt(0) != '/'
        || candidate.length() > 1 && (candidate.charAt(1) == '/' || candidate.charAt(1) == '\\')) {
      return fallback;
    }
    StringBuilder out = new StringBuilder(candidate.length());
    for (int i = 0; i < candidate.length(); ) {
      int c = candidate.codePointAt(i);
      i += Character.charCount(c);
      if (c <= 0x20 || c == 0x7f || c == '\\' || Character.isISOControl(c)
          || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT
          || Character.getType(c) == Character.SURROGATE) {
        return fallback;
      }
      if (c < 0x80) {
        out.append((char) c);
      } else {
        for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
      }
    }
    return out.toString();
  }

  private static int pageNumber(String raw) {
    if (raw == null || raw.isEmpty()) {
      return 1;
    }
    try {
      int page = Integer.parseInt(raw);
      if (page >= 1 && page <= 1_000_000) {
        return page;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("page must be a number from 1");
  }

  /**
   * A note as typed, with line ends made \n, other control characters dropped and the ends
   * trimmed; null when the form had no note field. Longer than 10,000 characters is refused.
   */
  static String cleanNote(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.replace("\r\n", "\n").replace('\r', '\n');
    if (s.length() > MAX_NOTE_LENGTH) {
      throw new IllegalArgumentException("A note has at most 10,000 characters; this one has "
          + s.length() + ".");
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
        out.append(c);
      }
    }
    return out.toString().strip();
  }

  private Duration acquireSignIn(Context ctx, String email) {
    String client = clientKey(ctx);
    Duration wait = signInPerClient.tryAcquire(client);
    if (wait != null) {
      return wait;
    }
    wait = signInPerEmail.tryAcquire(emailKey(email));
    if (wait != null) {
      signInPerClient.refund(client);
    }
    return wait;
  }

  private void refundSignIn(Context ctx, String email) {
    signInPerClient.refund(clientKey(ctx));
    signInPerEmail.refund(emailKey(email));
  }

  private static String emailKey(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  /**
   * The client's address for rate limits: the connection's, or with {@code trustForwardedFor}
   * the last X-Forwarded-For entry (the one our proxy appended; earlier ones are the client's
   * word). IPv6 addresses count by their /64 network, which one client usually has whole.
   */
  String clientKey(Context ctx) {
    return clientKey(ctx, limits.trustForwardedFor());
  }

  /** {@link #clientKey(Context)} for other route groups (SubscriptionRoutes). */
  static String clientKey(Context ctx, boolean trustForwardedFor) {
    String address = ctx.req().getRemoteAddr();
    if (trustForwardedFor) {
      List<String> headers = Collections.list(ctx.req().getHeaders("X-Forwarded-For"));
      if (!headers.isEmpty()) {
        String[] hops = String.join(",", headers).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
          String hop = hops[i].strip();
          if (!hop.isEmpty()) {
            address = hop.length() > 64 ? hop.substring(0, 64) : hop;
            break;
          }
        }
      }
    }
    return networkOf(address);
  }

  static String networkOf(String address) {
    String a = address;
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    int zone = a.indexOf('%');
    if (zone >= 0) {
      a = a.substring(0, zone);
    }
    if (a.indexOf(':') < 0 || !IPV6ISH.matcher(a).matches()) {
      return a;
    }
    try {
      byte[] bytes = InetAddress.getByName(a).getAddress(); // a literal: no name lookup
      if (bytes.length == 16) {
        return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
      }
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return a;
    }
  }

  private void tooManySignIns(Context ctx, String email, String returnParam, Duration wait) {
    retryAfter(ctx, wait);
    renderSignIn(ctx, 429, email, returnParam,
        "Too many failed sign-ins. Try again in " + minutes(wait) + ".");
  }

  private static void retryAfter(Context ctx, Duration wait) {
    ctx.header("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
  }

  private static String minutes(Duration wait) {
    long m = Math.max(1, (wait.toSeconds() + 59) / 60);
    return m == 1 ? "a minute" : m + " minutes";
  }

  private Instant now() {
    return settings.clock().instant();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  // ---- rendering

  private void renderSignIn(Context ctx, int status, String email, String returnParam,
      String message) {
    render(ctx, status, "signin.jte", email, returnParam, message);
  }

  private void renderSignUp(Context ctx, int status, String email, String returnParam,
      String message) {
    render(ctx, status, "signup.jte", email, returnParam, message);
  }

  private void render(Context ctx, int status, String template, String email,
      String returnParam, String message) {
    String back = safeReturn(returnParam, "");
    Map<String, Object> params = new HashMap<>();
    params.put("visitor", Visitor.of(ctx));
    params.put("email", email);
    params.put("returnTo", back);
    params.put("returnQuery", back.isEmpty() ? ""
        : "?return=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
    params.put("message", message);
    ctx.status(status);
    templates.render(ctx, template, params);
  }

  private void renderAccount(Context ctx, int status, User user, String message,
      String notice) {
    Map<String, Object> params = new HashMap<>();
    params.put("visitor", Visitor.of(ctx));
    params.put("user", user);
    params.put("librarySize", users.librarySize(user.id()));
    params.put("message", message);
    params.put("notice", notice);
    ctx.status(status);
    templates.render(ctx, "account.jte", params);
  }
}
