package dev.crossfade.cli;

import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command on the topology named by {@code --topology FILE} (every command but {@code drill} and
 * {@code chaos}, whose topology has a default): the file is read and validated before
 * {@link #run} sees it, a bad one ending the command with exit 2 and every problem listed.
 */
abstract class TopologyCommand implements Callable<Integer> {

    @Mixin
    TopologyOption topology;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        checkOptions();
        return run(topology.load(), spec.commandLine().getOut());
    }

    /** Checks of the command's own options that need no topology, made before the file is read; none by default. */
    void checkOptions() {
    }

    /** The command on a valid topology {@code t}, printing to {@code out}; returns the exit code. */
    abstract int run(Topology t, PrintWriter out) throws Exception;

    /** Where errors go (picocli's error writer for this command). */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
