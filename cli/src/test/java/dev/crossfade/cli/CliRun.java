package dev.crossfade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.testutils.RepoRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process and captures its exit code and both output streams. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** What the command printed, parsed as JSON (a {@code --json} run). */
    JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out);
    }

    /** The repository root ({@link RepoRoot}). */
    static Path repoRoot() {
        return RepoRoot.path();
    }

    static String path(String relative) {
        return repoRoot().resolve(relative).toString();
    }
}
