package dev.crossfade.bench.coldstart;

import java.nio.file.Path;
import java.util.List;

/**
 * One way of cold-starting a handler: its classpath (jars only, as deployed), its class, the
 * JVM flags, and whether a training run must first write an archive the flags then read.
 *
 * @param expected text the handler's answer must contain (a run that answers otherwise is an error, not a figure)
 */
public record Variant(String name, List<Path> classpath, String handler, List<String> jvmFlags, Training training, String expected) {

    /**
     * A training run before the measured ones: one handled event with {@code write + archive};
     * the measured runs add {@code read} (the last one followed by the archive). The read flags
     * make an unusable archive an error instead of a silent fallback.
     */
    public enum Training {
        NONE("", List.of()),
        /** JDK 25 AOT cache (JEP 483/514/515): classes loaded and linked, method profiles. */
        AOT_CACHE("-XX:AOTCacheOutput=", List.of("-XX:AOTMode=on", "-XX:AOTCache=")),
        /** Dynamic AppCDS (JDK 13+, so also Lambda's java21 runtime): classes loaded, parsed, verified. */
        APP_CDS("-XX:ArchiveClassesAtExit=", List.of("-Xshare:on", "-XX:SharedArchiveFile="));

        public final String write;
        public final List<String> read;

        Training(String write, List<String> read) {
            this.write = write;
            this.read = read;
        }
    }

    public Variant {
        classpath = List.copyOf(classpath);
        jvmFlags = List.copyOf(jvmFlags);
    }
}
