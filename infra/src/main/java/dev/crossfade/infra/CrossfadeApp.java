package dev.crossfade.infra;

import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyException;
import dev.crossfade.topology.TopologyParser;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The CDK app: one {@link RegionalStack} per enabled region, checked by cdk-nag. Two entry
 * points build the same assembly: {@link #main} for the CDK CLI ({@code cdk synth -c
 * topology=FILE}, see {@code cdk.json}) and {@link #synth} for the Crossfade CLI, which needs
 * no CDK CLI.
 */
public final class CrossfadeApp {

    /** The context key that names the topology file. */
    public static final String TOPOLOGY_CONTEXT = "topology";

    private CrossfadeApp() {}

    /** Entry point for the CDK CLI; a bad or missing topology file ends it with exit code 2 and the reason. */
    public static void main(String[] args) {
        App app = new App();
        Topology topology;
        try {
            topology = TopologyParser.parse(topologyFile(app));
        } catch (TopologyException | IllegalArgumentException e) {
            System.err.println("crossfade: " + e.getMessage());
            System.exit(2);
            return;
        }
        build(app, topology, defaultAccount());
        app.synth();
    }

    private static Path topologyFile(App app) {
        Object file = app.getNode().tryGetContext(TOPOLOGY_CONTEXT);
        if (!(file instanceof String path) || path.isBlank()) {
            throw new IllegalArgumentException("no topology file: run `cdk synth -c " + TOPOLOGY_CONTEXT + "=FILE`");
        }
        return Path.of(path);
    }

    /**
     * Synthesizes the topology's stacks into {@code outDir}, as {@code cdk synth} would.
     *
     * @throws SynthesisException if cdk-nag or CDK report an error on any stack; the assembly
     *                            is still written, so the report can be read there
     */
    public static CloudAssembly synth(Topology topology, Path outDir) {
        App app = new App(AppProps.builder().outdir(outDir.toString()).build());
        List<RegionalStack> stacks = build(app, topology, defaultAccount());
        CloudAssembly assembly = app.synth();
        SynthesisException.throwIfErrors(assembly, stacks);
        return assembly;
    }

    /**
     * Adds the topology's stacks and the cdk-nag checks to {@code app}, without synthesizing.
     *
     * @param fallbackAccount the account when the topology names none (normally
     *                        {@code CDK_DEFAULT_ACCOUNT}); empty leaves it unresolved
     */
    public static List<RegionalStack> build(App app, Topology topology, Optional<String> fallbackAccount) {
        Optional<String> account = topology.account().or(() -> fallbackAccount);
        List<RegionalStack> stacks = topology.enabledRegions().stream()
                .map(region -> new RegionalStack(app, RegionalStack.Props.builder()
                        .topology(topology).region(region).account(account).build()))
                .toList();
        Aspects.of(app).add(new AwsSolutionsChecks());
        return stacks;
    }

    /** Set by the CDK CLI from the caller's credentials; blank counts as absent. */
    static Optional<String> defaultAccount() {
        return Optional.ofNullable(System.getenv("CDK_DEFAULT_ACCOUNT")).filter(a -> !a.isBlank());
    }
}
