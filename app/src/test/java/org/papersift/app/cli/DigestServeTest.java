package org.papersift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.paper.Paper;

/** serve's mail scheduler: with SMTP it plans and sends; without, it says so and keeps quiet. */
class DigestServeTest {
  static {
    CliRun.quietLucene();
  }

  @TempDir Path tmp;
  private Process child;
  private GreenMail greenMail;

  @AfterEach
  void stop() throws InterruptedException {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  private void awaitOut(Pattern pattern) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (pattern.matcher(Files.readString(tmp.resolve("child.out"))).find()) {
        return;
      }
      if (!child.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + pattern + " in time\n" + ChildCli.output(tmp));
  }

  @Test
  void servePlansAndSendsDueDigestsEveryMinute() throws Exception {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
    greenMail.start();
    Path data = tmp.resolve("data");
    try (Papersift app = Papersift.open(new DataDir(data))) {
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      List<Paper> papers = new ArrayList<>();
      for (int d = 1; d <= 7; d++) {
        papers.add(new Paper(String.format("2601.%05d", d), 1, "A paper of day -" + d, null,
            List.of("Ada Lovelace"), List.of("cs.LG"), today.minusDays(d), null, null, null,
            null, null, List.of()));
      }
      app.store().upsertAll(papers);
      Instant past = Instant.now().minus(Duration.ofDays(2));
      // no digest yet: due whatever the time (its first covers the last week)
      long id = app.subscriptions().subscribe("reader@example.org", null, new DigestSchedule(
          Cadence.DAILY, LocalTime.of(0, 0), ZoneId.of("UTC")), past).id();
      app.subscriptions().confirm(id, past);
    }
    child = ChildCli.start(tmp, Map.of("PAPERSIFT_SMTP_HOST", "127.0.0.1",
        "PAPERSIFT_SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()),
        "PAPERSIFT_SMTP_SECURITY", "none",
        "PAPERSIFT_MAIL_FROM", "papersift <digest@papers.example.org>"),
        "--data", data.toString(), "serve", "--port", "0", "--no-embed", "--harvest-every", "off",
        "--site-url", "https://papers.example.org/");
    awaitOut(Pattern.compile("mail: MailSettings\\[none://127\\.0\\.0\\.1:\\d+.*links to"
        + " https://papers\\.example\\.org/"));
    assertThat(Files.readString(tmp.resolve("child.out")))
        .doesNotContain("links in mails would point");
    awaitOut(Pattern.compile("digest: planned 1 digest; sent 1"));
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()[0].getHeader("List-Unsubscribe")[0])
        .startsWith("<https://papers.example.org/unsubscribe?token=");
  }

  @Test
  void withoutSmtpServeSaysMailIsOff() throws Exception {
    child = ChildCli.start(tmp, Map.of(), "--data", tmp.resolve("data").toString(), "serve",
        "--port", "0", "--no-embed", "--harvest-every", "off");
    awaitOut(Pattern.compile("mail: off \\(set PAPERSIFT_SMTP_HOST"));
  }
}
