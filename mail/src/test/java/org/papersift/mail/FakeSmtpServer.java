package org.papersift.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted SMTP server on 127.0.0.1 for the failures GreenMail does not make: any reply to any
 * step (451, 550, 421...), a connection dropped in the middle of DATA, SMTPUTF8 offered or not.
 * Serves one connection at a time on a daemon thread; replies can be changed while it runs (the
 * next connection or command sees them). Records the commands and the accepted messages.
 */
public final class FakeSmtpServer implements AutoCloseable {
  /** The steps of an SMTP session whose reply a test can choose. */
  public enum Step { GREETING, EHLO, AUTH, MAIL, RCPT, DATA, END_OF_DATA }

  private final ServerSocket server;
  private final Thread thread;
  private final Map<Step, String> replies = new EnumMap<>(Step.class);
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final List<byte[]> messages = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile List<String> extensions = List.of("8BITMIME");
  private volatile boolean dropMidData;
  private volatile boolean closed;
  private String lastReply = "";

  public FakeSmtpServer() throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    replies.put(Step.GREETING, "220 fake.test ESMTP ready");
    replies.put(Step.AUTH, "235 2.7.0 accepted");
    replies.put(Step.MAIL, "250 2.1.0 sender ok");
    replies.put(Step.RCPT, "250 2.1.5 recipient ok");
    replies.put(Step.DATA, "354 end data with <CR><LF>.<CR><LF>");
    replies.put(Step.END_OF_DATA, "250 2.0.0 queued");
    thread = new Thread(this::serve, "fake-smtp-" + server.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The reply to {@code step} from now on, e.g. "550 5.1.1 user unknown". */
  public synchronized FakeSmtpServer reply(Step step, String reply) {
    replies.put(step, reply);
    return this;
  }

  /** The EHLO extensions offered, e.g. "SMTPUTF8", "AUTH PLAIN". */
  public FakeSmtpServer extensions(String... offered) {
    extensions = List.of(offered);
    return this;
  }

  /** Whether to close the connection after the first lines of the message data. */
  public FakeSmtpServer dropMidData(boolean drop) {
    dropMidData = drop;
    return this;
  }

  /** Every command received, in order, across connections ("MAIL FROM:<...>", ...). */
  public List<String> commands() {
    return List.copyOf(commands);
  }

  /** The data of every message accepted (dot-unstuffed, CRLF line ends). */
  public List<byte[]> messages() {
    return List.copyOf(messages);
  }

  public int connections() {
    return connections.get();
  }

  private synchronized String replyTo(Step step) {
    return replies.get(step);
  }

  private void serve() {
    while (!closed) {
      try (Socket s = server.accept()) {
        connections.incrementAndGet();
        s.setSoTimeout(10_000);
        session(s.getInputStream(), s.getOutputStream());
      } catch (SocketException e) {
        // closed by close(), or the client went away
      } catch (IOException e) {
        if (!closed) {
          commands.add("! " + e);
        }
      }
    }
  }

  private void session(InputStream in, OutputStream out) throws IOException {
    String greeting = replyTo(Step.GREETING);
    send(out, greeting);
    if (!greeting.startsWith("2")) {
      return;
    }
    for (byte[] raw = line(in); raw != null; raw = line(in)) {
      String command = new String(raw, StandardCharsets.UTF_8);
      commands.add(command);
      String verb = command.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
      switch (verb) {
        case "EHLO" -> {
          String ehlo = replyTo(Step.EHLO);
          if (ehlo != null) {
            send(out, ehlo);
          } else {
            List<String> lines = new ArrayList<>();
            lines.add("fake.test greets you");
            lines.addAll(extensions);
            for (int i = 0; i < lines.size(); i++) {
              send(out, "250" + (i == lines.size() - 1 ? " " : "-") + lines.get(i));
            }
          }
        }
        case "HELO", "RSET", "NOOP" -> send(out, "250 2.0.0 ok");
        case "AUTH" -> {
          if (command.split(" ").length == 2) { // credentials follow on the next line
            send(out, "334 ");
            commands.add(new String(line(in), StandardCharsets.UTF_8));
          }
          send(out, replyTo(Step.AUTH));
        }
        case "MAIL" -> send(out, replyTo(Step.MAIL));
        case "RCPT" -> send(out, replyTo(Step.RCPT));
        case "DATA" -> {
          String data = replyTo(Step.DATA);
          send(out, data);
          if (data.startsWith("354")) {
            byte[] message = readData(in);
            if (message == null) {
              return; // dropped mid-DATA
            }
            String end = replyTo(Step.END_OF_DATA);
            if (end.startsWith("2")) {
              messages.add(message);
            }
            send(out, end);
          }
        }
        case "QUIT" -> {
          send(out, "221 2.0.0 bye");
          return;
        }
        default -> send(out, "502 5.5.2 not implemented");
      }
      if (lastReply.startsWith("421")) {
        return; // "closing the transmission channel"
      }
    }
  }

  /** Reads message data up to the lone dot; null when it dropped the connection instead. */
  private byte[] readData(InputStream in) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int lines = 0;
    for (byte[] raw = line(in); raw != null; raw = line(in)) {
      if (raw.length == 1 && raw[0] == '.') {
        return message.toByteArray();
      }
      if (dropMidData && ++lines == 5) {
        return null;
      }
      int from = raw.length > 0 && raw[0] == '.' ? 1 : 0;
      message.write(raw, from, raw.length - from);
      message.write('\r');
      message.write('\n');
    }
    return null;
  }

  /** One line without its CRLF, or null at the end of the stream. */
  private static byte[] line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1
            : bytes.length;
        return Arrays.copyOf(bytes, n);
      }
      b.write(c);
    }
    return null;
  }

  private void send(OutputStream out, String reply) throws IOException {
    lastReply = reply;
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
