package org.papersift.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailSettingsTest {
  @Test
  void noHostNoMail() {
    assertThat(MailSettings.fromEnvironment(Map.of())).isEmpty();
    assertThat(MailSettings.fromEnvironment(Map.of("PAPERSIFT_SMTP_HOST", " "))).isEmpty();
  }

  @Test
  void defaultsFollowTheSecurity() {
    MailSettings s = MailSettings.fromEnvironment(Map.of("PAPERSIFT_SMTP_HOST", "smtp.example.org",
        "PAPERSIFT_MAIL_FROM", "papersift <digest@papers.example.org>")).orElseThrow();
    assertThat(s.security()).isEqualTo(MailSettings.Security.STARTTLS);
    assertThat(s.port()).isEqualTo(587);
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.heloName()).isEqualTo("papers.example.org");
    assertThat(s.envelopeFrom()).isEqualTo("digest@papers.example.org");
    assertThat(SmtpSender.properties(s)).containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.host", "smtp.example.org")
        .containsEntry("mail.smtp.connectiontimeout", "10000");

    MailSettings tls = MailSettings.fromEnvironment(Map.of("PAPERSIFT_SMTP_HOST", "h.example.org",
        "PAPERSIFT_SMTP_SECURITY", "TLS", "PAPERSIFT_MAIL_FROM", "d@example.org",
        "PAPERSIFT_SMTP_USERNAME", "user", "PAPERSIFT_SMTP_PASSWORD", "s3cret",
        "PAPERSIFT_SMTP_READ_TIMEOUT_MS", "1500", "PAPERSIFT_SMTP_HELO", "mx.example.org"))
        .orElseThrow();
    assertThat(tls.port()).isEqualTo(465);
    assertThat(tls.readTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(tls.heloName()).isEqualTo("mx.example.org");
    assertThat(SmtpSender.properties(tls)).containsEntry("mail.transport.protocol", "smtps")
        .containsEntry("mail.smtps.auth", "true")
        .containsEntry("mail.smtps.ssl.checkserveridentity", "true");
    assertThat(tls.toString()).doesNotContain("s3cret").contains("user:***@h.example.org:465");
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> MailSettings.fromEnvironment(Map.of("PAPERSIFT_SMTP_HOST", "h")))
        .hasMessageContaining("PAPERSIFT_MAIL_FROM");
    assertThatThrownBy(() -> MailSettings.fromEnvironment(Map.of("PAPERSIFT_SMTP_HOST", "h",
        "PAPERSIFT_MAIL_FROM", "d@example.org", "PAPERSIFT_SMTP_SECURITY", "ssl")))
        .hasMessageContaining("starttls, tls or none").hasMessageContaining("ssl");
    assertThatThrownBy(() -> MailSettings.fromEnvironment(Map.of("PAPERSIFT_SMTP_HOST", "h",
        "PAPERSIFT_MAIL_FROM", "d@example.org", "PAPERSIFT_SMTP_PORT", "x25")))
        .hasMessageContaining("PAPERSIFT_SMTP_PORT").hasMessageContaining("x25");
    assertThatThrownBy(() -> MailSettings.fromEnvironment(Map.of("PAPERSIFT_SMTP_HOST", "h",
        "PAPERSIFT_MAIL_FROM", "not an address")))
        .hasMessageContaining("not an address");
    assertThatThrownBy(() -> MailSettings.fromEnvironment(Map.of("PAPERSIFT_SMTP_HOST", "h",
        "PAPERSIFT_MAIL_FROM", "d@example.org", "PAPERSIFT_SMTP_USERNAME", "u")))
        .hasMessageContaining("PAPERSIFT_SMTP_PASSWORD");
    assertThatThrownBy(() -> MailSettings.fromEnvironment(Map.of(
        "PAPERSIFT_SMTP_HOST", "smtp.example.org", "PAPERSIFT_SMTP_SECURITY", "none",
        "PAPERSIFT_MAIL_FROM", "d@example.org", "PAPERSIFT_SMTP_USERNAME", "u",
        "PAPERSIFT_SMTP_PASSWORD", "p")))
        .hasMessageContaining("unencrypted").hasMessageNotContaining("p\"");
  }
}
