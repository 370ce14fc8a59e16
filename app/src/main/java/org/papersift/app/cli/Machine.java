package org.papersift.app.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A one-line description of the machine and JVM, printed with every benchmark figure. */
final class Machine {
  private Machine() {}

  static String describe() {
    Runtime rt = Runtime.getRuntime();
    return String.format("%s; %d cores; JVM %s %s; JIT %s; GC %s; max heap %,d MB; %s %s",
        cpuModel(), rt.availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), jit(), gc(), rt.maxMemory() >> 20,
        System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  /**
   * Which compilers run: the launcher gives a bulk ingest the client compiler only (see
   * scripts/java-env.sh), and a figure means little without saying which (the GC likewise).
   */
  static String jit() {
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      boolean tiered = Boolean.parseBoolean(hotspot.getVMOption("TieredCompilation").getValue());
      int stopAt = Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue());
      if (!tiered) {
        return "C2 only";
      }
      return stopAt >= 4 ? "tiered C1+C2" : "C1 only (TieredStopAtLevel=" + stopAt + ")";
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  /** The garbage collector, by the name of its young-generation collector. */
  static String gc() {
    String young = ManagementFactory.getGarbageCollectorMXBeans().stream().findFirst()
        .map(GarbageCollectorMXBean::getName).orElse("unknown");
    return young.startsWith("G1") ? "G1"
        : young.startsWith("PS ") ? "Parallel"
        : young.equals("Copy") ? "Serial"
        : young;
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
