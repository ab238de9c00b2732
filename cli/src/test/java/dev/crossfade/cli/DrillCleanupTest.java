package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill leaves nothing behind: its one temporary folder is removed on a normal end and when
 * the drill is stopped midway (a shutdown hook: SIGTERM here, as Ctrl-C's SIGINT), and it writes
 * nothing in the repository.
 */
class DrillCleanupTest {

    private static final Pattern SCRATCH = Pattern.compile("temporary files in (\\S+) \\(removed");

    @TempDir
    Path tmp;

    @Test
    void drillStoppedMidway_shouldRemoveItsTemporaryFolderAndLeaveTheRepositoryAsItWas() throws Exception {
        // the child's temp directory is this test's: whatever the drill leaves there is seen, and nothing else is
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        String before = gitStatus();
        String javaBin = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process drill = new ProcessBuilder(javaBin, "-Djava.io.tmpdir=" + tmp, "-Dcrossfade.repoRoot=" + CliRun.repoRoot(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "drill", "--local", "--time-scale", "50")
                .directory(CliRun.repoRoot().toFile()).redirectErrorStream(true).start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Path scratch = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(drill.getInputStream(), StandardCharsets.UTF_8))) {
            // stop it once its databases run and the write load writes: the most there is to clean up
            String line;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
                lines.add(line);
                Matcher m = SCRATCH.matcher(line);
                if (m.find()) {
                    scratch = Path.of(m.group(1));
                }
                if (line.contains("setup: write load")) {
                    break;
                }
            }
            assertTrue(lines.getLast().contains("setup: write load"), "the drill reached its write load:\n" + String.join("\n", lines));
            assertTrue(scratch != null && scratch.startsWith(tmp) && Files.isDirectory(scratch), "the drill named its folder: " + scratch);
            assertTrue(hasPostgresData(scratch), "PostgreSQL data directories are in it while the drill runs");

            drill.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> {
                try {
                    out.lines().forEach(lines::add);
                } catch (java.io.UncheckedIOException closed) {
                    // the process ended and its pipe was closed under the reader: what was read is kept
                }
            });
            assertTrue(drill.waitFor(90, TimeUnit.SECONDS), "the drill stopped");
            drain.get(10, TimeUnit.SECONDS);
        } finally {
            drill.destroyForcibly();
        }

        assertFalse(Files.exists(scratch), "the drill's folder is gone: " + scratch + "\n" + String.join("\n", lines));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList(), "nothing left in the temp directory");
        }
        Path root = scratch;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(root.toString()))
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(root.toString())),
                "no server of the drill still runs");
        assertEquals(before, gitStatus(), "the drill adds no file to the repository");
    }

    private static boolean hasPostgresData(Path scratch) throws IOException {
        try (Stream<Path> entries = Files.list(scratch)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("crossfade-pg-"));
        }
    }

    static String gitStatus() throws Exception {
        Process git = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=all")
                .directory(CliRun.repoRoot().toFile()).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0, out);
        return out;
    }
}
