package dev.crossfade.cli.remote;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of every command that starts a workflow run in the account (a picocli mixin). */
public final class RunOptions {

    @Mixin
    EndpointOption endpoint = new EndpointOption();

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (required without a terminal).")
    boolean yes;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, carried into the run record and the event.")
    String reason;

    public EndpointOption endpoint() {
        return endpoint;
    }

    public boolean yes() {
        return yes;
    }

    /** The operator's reason, else {@code fallback}. */
    public String reason(String fallback) {
        return reason == null || reason.isBlank() ? fallback : reason;
    }
}
