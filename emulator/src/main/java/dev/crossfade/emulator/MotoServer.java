package dev.crossfade.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A moto server (AWS API emulation) on a free loopback port, started from this JVM and stopped
 * with it. The server runs {@code moto_launcher.py}, which applies Crossfade's patches before
 * moto starts (see docs/emulation.md).
 *
 * <p>Python is located in this order: {@code $CROSSFADE_PYTHON}, then {@code python3} on the
 * PATH; it must be able to {@code import moto} (install with {@code pip install "moto[server]"}).
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    /** The launcher first; the others are modules it imports from its own directory. */
    private static final List<String> SCRIPTS = List.of("moto_launcher.py", "global_accelerator.py", "requirements.txt");

    private final ProcessBuilder launch;
    private final int port;
    private final Path logFile;
    /** The launcher scripts and the log, removed by {@link #close()}. */
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;

    private MotoServer(ProcessBuilder launch, int port, Path logFile) throws IOException {
        this.launch = launch;
        this.port = port;
        this.logFile = logFile;
        this.dir = logFile.getParent();
        this.process = launch.start();
    }

    /** Starts a server and waits until it answers; fails with the server's log when it does not. */
    public static MotoServer start() {
        return start(Map.of());
    }

    /**
     * Like {@link #start()}, with extra environment variables for the moto process, for example
     * {@link LambdaBridge#motoEnvironment()}.
     */
    public static MotoServer start(Map<String, String> environment) {
        return start(environment, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Like {@link #start(Map)}, the server's files (launcher scripts, log) in a new folder under {@code scratch}. */
    public static MotoServer start(Map<String, String> environment, Path scratch) {
        String python = locatePython().orElseThrow(() -> new MotoUnavailableException(
                "moto is not installed: no python3 that can 'import moto' (set CROSSFADE_PYTHON, or pip install \"moto[server]\")"));
        int port = freePort();
        try {
            Path dir = Files.createTempDirectory(scratch, "crossfade-moto-");
            for (String script : SCRIPTS) {
                try (InputStream in = MotoServer.class.getResourceAsStream(script)) {
                    Files.copy(in, dir.resolve(script), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path launcher = dir.resolve(SCRIPTS.getFirst());
            Path log = dir.resolve("moto.log");
            ProcessBuilder pb = new ProcessBuilder(python, launcher.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("PYTHONUNBUFFERED", "1");
            pb.environment().putAll(environment);
            // moto signs nothing, but botocore inside its Step Functions interpreter wants credentials.
            pb.environment().putIfAbsent("AWS_ACCESS_KEY_ID", "testing");
            pb.environment().putIfAbsent("AWS_SECRET_ACCESS_KEY", "testing");
            pb.environment().putIfAbsent("AWS_DEFAULT_REGION", "us-east-1");
            MotoServer server = new MotoServer(pb, port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            try {
                server.awaitReady();
            } catch (RuntimeException e) {
                server.close(); // its folder too: nothing is left of a server that did not start
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto server", e);
        }
    }

    /** The python3 that has moto, if any. */
    public static Optional<String> locatePython() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("CROSSFADE_PYTHON")).ifPresent(candidates::add);
        candidates.add("python3");
        for (String candidate : candidates) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import moto.server").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not on the PATH: try the next candidate
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // starting up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
            process.onExit().completeOnTimeout(null, 100, TimeUnit.MILLISECONDS).join();
        }
        stop();
        String log = log();
        close();
        throw new IllegalStateException("moto server did not answer within " + START_DEADLINE.toSeconds() + " s:\n" + log);
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint override for every AWS SDK client. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Forgets every emulated resource (POST /moto-api/reset). */
    public void reset() {
        post("/moto-api/reset", "");
    }

    /** Switches on real execution of state machines by moto's Step Functions interpreter. */
    public void enableStepFunctionsExecution() {
        post("/moto-api/config", "{\"stepfunctions\":{\"execute_state_machine\":true}}");
    }

    /** POSTs a JSON body to a moto-api path and returns the answer; fails on a non-2xx status. */
    public String post(String path, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint().resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Kills the server and starts a new one on the same port with the same environment, as a
     * crashed emulator that comes back: every emulated resource and execution is gone, and a
     * client keeps its endpoint. The new server's output is appended to the same log.
     */
    public synchronized void restart() {
        stop();
        launch.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            process = launch.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart moto server", e);
        }
        awaitReady();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the server printed so far (for failure messages). */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the server and removes its folder (launcher scripts and log); safe to call twice. */
    @Override
    public void close() {
        stop();
        if (Files.isDirectory(dir)) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp folder: best effort
            }
        }
    }

    private void stop() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
            if (process.isAlive()) {
                process.destroyForcibly();
                process.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
            }
        }
    }
}
