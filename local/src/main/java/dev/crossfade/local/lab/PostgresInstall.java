package dev.crossfade.local.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The machine's PostgreSQL server binaries and the user they run as. {@code initdb} refuses to run
 * as root, so when this JVM runs as root every PostgreSQL command runs as an unprivileged user
 * ({@code $CROSSFADE_PG_USER}, default {@code nobody}) through {@code runuser}, in data
 * directories that user owns. Binaries are found in {@code $CROSSFADE_PG_BIN}, else
 * {@code /usr/lib/postgresql/15/bin}, else the newest {@code /usr/lib/postgresql/N/bin}.
 */
public final class PostgresInstall {

    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final String INSTALL_HINT = "install PostgreSQL's server with `apt-get install -y postgresql` "
            + "(or point CROSSFADE_PG_BIN at a directory holding initdb, pg_ctl and pg_basebackup)";

    private final Path bin;
    private final Optional<String> runAs;
    /** Where data directories and command logs go; null: the system temp directory. */
    private final Path scratch;

    private PostgresInstall(Path bin, Optional<String> runAs) {
        this(bin, runAs, null);
    }

    private PostgresInstall(Path bin, Optional<String> runAs, Path scratch) {
        this.bin = bin;
        this.runAs = runAs;
        this.scratch = scratch;
    }

    /**
     * The same installation, with its directories under {@code scratch} (which the PostgreSQL
     * user must be able to traverse), so that whoever owns {@code scratch} removes all of it.
     */
    public PostgresInstall under(Path scratch) {
        return new PostgresInstall(bin, runAs, java.util.Objects.requireNonNull(scratch, "scratch"));
    }

    /** The folder under which this installation creates its directories. */
    public Path scratch() {
        return scratch != null ? scratch : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The installation, or {@link PostgresUnavailableException} naming the command that installs it. */
    public static PostgresInstall locate() {
        return locate(candidates());
    }

    static PostgresInstall locate(List<Path> candidates) {
        return find(candidates).orElseThrow(() -> new PostgresUnavailableException("PostgreSQL server binaries not found (looked in "
                + candidates.stream().map(Path::toString).toList() + "): " + INSTALL_HINT));
    }

    /** The installation, if the server binaries are here. */
    public static Optional<PostgresInstall> find() {
        return find(candidates());
    }

    private static Optional<PostgresInstall> find(List<Path> candidates) {
        for (Path dir : candidates) {
            if (Stream.of("initdb", "pg_ctl", "pg_basebackup", "postgres").allMatch(b -> Files.isExecutable(dir.resolve(b)))) {
                return Optional.of(new PostgresInstall(dir, pgUser()));
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates() {
        List<Path> dirs = new ArrayList<>();
        Optional.ofNullable(System.getenv("CROSSFADE_PG_BIN")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(dirs::add);
        dirs.add(DEBIAN_ROOT.resolve("15").resolve("bin"));
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
                versions.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .sorted((a, b) -> Integer.compare(Integer.parseInt(b.getFileName().toString()), Integer.parseInt(a.getFileName().toString())))
                        .map(p -> p.resolve("bin")).filter(p -> !dirs.contains(p)).forEach(dirs::add);
            } catch (IOException e) {
                // unreadable: only the fixed candidates
            }
        }
        return dirs;
    }

    /** Root runs PostgreSQL as an unprivileged user; anyone else as themselves. */
    private static Optional<String> pgUser() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        String user = Optional.ofNullable(System.getenv("CROSSFADE_PG_USER")).filter(s -> !s.isBlank()).orElse("nobody");
        return Optional.of(user);
    }

    public Path bin() {
        return bin;
    }

    /** The user PostgreSQL runs as when this JVM is root. */
    public Optional<String> runAs() {
        return runAs;
    }

    /** A new empty directory (mode 700) that the PostgreSQL user owns, under the system temp directory. */
    public Path newDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(scratch(), prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            chown(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for PostgreSQL", e);
        }
    }

    private void chown(Path path) throws IOException {
        if (runAs.isPresent()) {
            UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs.get());
            Files.setOwner(path, owner);
        }
    }

    /**
     * Runs a PostgreSQL program (a name in {@link #bin()}, or an absolute command such as
     * {@code cp}) as the PostgreSQL user and returns its output; fails with that output when it
     * exits non-zero or overruns {@code timeoutSeconds}.
     */
    public String run(long timeoutSeconds, String program, String... args) {
        List<String> command = new ArrayList<>();
        runAs.ifPresent(user -> command.addAll(List.of("runuser", "-u", user, "--")));
        command.add(program.startsWith("/") ? program : bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // under libfaketime (scripts/run-tests-shifted.sh) the JVM's shared clock segment belongs
            // to root, and the unprivileged PostgreSQL user cannot open it: let its programs keep
            // their own (the offset, FAKETIME, still applies to them)
            runAs.ifPresent(user -> builder.environment().remove("FAKETIME_SHARED"));
            Process process = builder.start();
            // pg_ctl start leaves the server holding inherited descriptors; reading to EOF would wait for it
            process.getOutputStream().close();
            Path out = Files.createTempFile(scratch(), "crossfade-pg-cmd-", ".log");
            try {
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        Files.write(out, process.getInputStream().readAllBytes());
                    } catch (IOException e) {
                        // the output is for error messages only
                    }
                });
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new PostgresCommandException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
                }
                reader.join(Math.max(1, TimeUnit.SECONDS.toMillis(2)));
                String output = Files.exists(out) ? Files.readString(out) : "";
                if (process.exitValue() != 0) {
                    throw new PostgresCommandException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new PostgresCommandException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresCommandException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Removes a directory tree this class created (as this JVM's user, which owns or can remove it). */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
