package dev.crossfade.bench.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM run to its exit, as the cold-start and critical-path benchmarks spawn them: the wall
 * clock around the process, its output and errors in {@code <label>.out} and {@code <label>.err}.
 */
public record ChildRun(int exitCode, double wallMs, Path out, Path err) {

    /** How long a child may take before the benchmark gives up on it. */
    public static final long TIMEOUT_SECONDS = 120;

    /**
     * Starts {@code pb}, its output going to files in {@code dir}, and waits for it to exit.
     *
     * @throws IllegalStateException if it did not exit within {@link #TIMEOUT_SECONDS} (it is killed)
     */
    public static ChildRun run(ProcessBuilder pb, Path dir, String label) throws IOException, InterruptedException {
        Path out = dir.resolve(label + ".out");
        Path err = dir.resolve(label + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(label + ": no exit within " + TIMEOUT_SECONDS + " s; see " + out + " and " + err);
        }
        return new ChildRun(p.exitValue(), (System.nanoTime() - start) / 1e6, out, err);
    }

    public List<String> output() throws IOException {
        return Files.readAllLines(out);
    }

    /** The last 2000 characters of its errors, then of its output: what a failure says. */
    public String tails() throws IOException {
        return tail(err) + " " + tail(out);
    }

    private static String tail(Path file) throws IOException {
        String s = Files.exists(file) ? Files.readString(file) : "";
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }
}
