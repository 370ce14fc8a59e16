package org.papersift.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A one-line description of the machine and JVM, printed with every benchmark figure. */
final class Machine {
  private Machine() {}

  static String describe() {
    Runtime rt = Runtime.getRuntime();
    return String.format("%s; %d cores; JVM %s %s; max heap %,d MB; %s %s", cpuModel(),
        rt.availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), rt.maxMemory() >> 20, System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }

  private static String cpuModel() {
    Path info = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(info)) {
      return "cpu unknown";
    }
    try (Stream<String> lines = Files.lines(info)) {
      return lines.filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst().orElse("cpu unknown");
    } catch (IOException e) {
      return "cpu unknown";
    }
  }
}
