package dev.crossfade.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine the figures were taken on, from /proc and the JVM, for the head of BENCHMARKS.md. */
public final class Machine {

    private Machine() {}

    public static String describe() {
        return String.format(Locale.ROOT, "Machine: %d cores (nproc), %s memory, CPU %s, %s %s, JDK %s (%s); load average at the end %s%n",
                Runtime.getRuntime().availableProcessors(), memory(), cpu(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), load());
    }

    /** Other work on the machine (parallel builds) shows here and explains noisy figures. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String cpu() {
        return procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
    }

    static String memory() {
        return procLine("/proc/meminfo", "MemTotal").map(v -> {
            long kb = Long.parseLong(v.replaceAll("[^0-9]", ""));
            return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }).orElse("unknown");
    }

    private static java.util.Optional<String> procLine(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
