package dev.crossfade.infra;

import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyException;
import dev.crossfade.topology.TopologyParser;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import dev.crossfade.infra.data.ReplicationPlan;
import dev.crossfade.infra.workflow.WorkflowJar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The CDK app: per enabled region a {@link RegionalStack}, a {@link StorageStack} and (with
 * {@code replication.vpcPeering}) a {@link PeeringStack}, plus one {@link GlobalStack} in
 * us-east-1, ordered by explicit dependencies (docs/infra.md, "Deploy order") and checked by
 * cdk-nag. Two entry points build the same assembly: {@link #main} for the CDK CLI ({@code cdk
 * synth -c topology=FILE}, see {@code cdk.json}) and {@link #synth} for the Crossfade CLI, which
 * needs no CDK CLI.
 */
public final class CrossfadeApp {

    /** The context key that names the topology file. */
    public static final String TOPOLOGY_CONTEXT = "topology";

    /**
     * The context key for the accelerator's ARN, which the global stack creates after the regional
     * stacks: redeploy the regional stacks with it to let the workflow pin traffic (docs/workflow.md).
     */
    public static final String ACCELERATOR_CONTEXT = "acceleratorArn";

    private CrossfadeApp() {}

    /** Entry point for the CDK CLI; a bad or missing topology, account or detector jar ends it with exit code 2 and the reason. */
    public static void main(String[] args) {
        App app = new App();
        try {
            build(app, TopologyParser.parse(topologyFile(app)), defaultAccount());
        } catch (TopologyException | IllegalArgumentException e) {
            System.err.println("crossfade: " + e.getMessage());
            System.exit(2);
            return;
        }
        app.synth();
    }

    private static Path topologyFile(App app) {
        Object file = app.getNode().tryGetContext(TOPOLOGY_CONTEXT);
        if (!(file instanceof String path) || path.isBlank()) {
            throw new IllegalArgumentException("no topology file: run `cdk synth -c " + TOPOLOGY_CONTEXT + "=FILE` (or cdk deploy/diff/destroy"
                    + " with the same -c), FILE being your topology, e.g. -c " + TOPOLOGY_CONTEXT + "=examples/seed-active-passive.yaml;"
                    + " `./crossfade validate --topology FILE` checks one, and README.md \"Deploy\" gives the steps");
        }
        return Path.of(path);
    }

    /**
     * Synthesizes the topology's stacks into {@code outDir}, as {@code cdk synth} would, with the
     * account from the topology or {@code CDK_DEFAULT_ACCOUNT} and the context {@code cdk synth}
     * passes ({@link CdkCliContext}: cdk.json's feature flags and the CLI's defaults), so that the
     * templates are byte-identical to {@code cdk synth}'s.
     *
     * @throws AppInputException  if no account is known or the detector jar is missing
     * @throws SynthesisException if cdk-nag or CDK report an error on any stack; the assembly
     *                            is still written, so the report can be read there
     */
    public static CloudAssembly synth(Topology topology, Path outDir) {
        return synth(topology, outDir, defaultAccount(), CdkCliContext.of(DetectorJar.repoRoot(), Map.of()));
    }

    /**
     * {@link #synth(Topology, Path)} with an explicit fallback account and CDK context (for
     * example {@code replicationPhase}, {@code detectorJar}).
     */
    public static CloudAssembly synth(Topology topology, Path outDir, Optional<String> fallbackAccount,
                                      Map<String, Object> context) {
        App app = new App(AppProps.builder().outdir(outDir.toString()).context(context).build());
        Stacks stacks = compose(app, topology, fallbackAccount);
        CloudAssembly assembly = app.synth();
        SynthesisException.throwIfErrors(assembly, stacks.all());
        return assembly;
    }

    /**
     * Adds the topology's stacks and the cdk-nag checks to {@code app}, without synthesizing.
     *
     * @param fallbackAccount the account when the topology names none (normally
     *                        {@code CDK_DEFAULT_ACCOUNT})
     * @return the regional stacks; {@link #compose} returns all of them
     * @throws AppInputException if neither gives an account, or the detector jar is missing
     */
    public static List<RegionalStack> build(App app, Topology topology, Optional<String> fallbackAccount) {
        return compose(app, topology, fallbackAccount).regional();
    }

    /** Like {@link #build}, returning every stack. Context read from {@code app}: {@code replicationPhase}, {@code detectorJar}, the workflow jars' keys ({@link WorkflowJar#context()}), {@code acceleratorArn}. */
    public static Stacks compose(App app, Topology topology, Optional<String> fallbackAccount) {
        String account = topology.account().or(() -> fallbackAccount).orElseThrow(() -> new AppInputException(
                "no AWS account: set `account` in the topology file, or CDK_DEFAULT_ACCOUNT (the CDK CLI sets it from "
                        + "your credentials); bucket names and database ARNs of other regions are built from it"));
        ReplicationPhase phase = ReplicationPhase.fromContext(app.getNode().tryGetContext(ReplicationPhase.CONTEXT));
        Path detectorJar = DetectorJar.locate(Optional.ofNullable(app.getNode().tryGetContext(DetectorJar.CONTEXT))
                .map(String::valueOf));

        Map<WorkflowJar, Path> workflowJars = DetectorJar.locateWorkflow(key -> Optional.ofNullable(app.getNode().tryGetContext(key))
                .map(String::valueOf));
        Optional<String> acceleratorArn = Optional.ofNullable(app.getNode().tryGetContext(ACCELERATOR_CONTEXT))
                .map(String::valueOf).filter(s -> !s.isBlank());

        Map<String, RegionalStack> regional = new LinkedHashMap<>();
        for (Topology.Region region : topology.enabledRegions()) {
            regional.put(region.name(), new RegionalStack(app, RegionalStack.Props.builder()
                    .topology(topology).region(region).account(account).detectorJar(detectorJar).workflowJars(workflowJars)
                    .acceleratorArn(acceleratorArn).build()));
        }
        RegionalStack primary = regional.get(topology.primaryRegion().name());
        regional.values().stream().filter(s -> s != primary)
                .forEach(s -> s.addStackDependency(primary, "the replica or secondary cluster needs the primary database"));

        Map<String, StorageStack> storage = new LinkedHashMap<>();
        for (Topology.Region region : topology.enabledRegions()) {
            storage.put(region.name(), new StorageStack(app, new StorageStack.Props(topology, region, account, phase)));
        }
        StorageStack primaryStorage = storage.get(topology.primaryRegion().name());
        storage.values().stream().filter(s -> s != primaryStorage).forEach(s -> primaryStorage.addStackDependency(s,
                "the primary's replication rules and table replicas need this region's buckets and key"));

        Map<String, PeeringStack> peering = new LinkedHashMap<>();
        if (!new ReplicationPlan(topology).peeringPairs().isEmpty()) {
            for (Topology.Region region : topology.enabledRegions()) {
                peering.put(region.name(), new PeeringStack(app, topology, regional.get(region.name()), regional,
                        Ordered.copyOf(peering)));
            }
        }
        GlobalStack global = new GlobalStack(app, topology, account, List.copyOf(regional.values()));
        Aspects.of(app).add(new AwsSolutionsChecks());
        Removal.apply(app, topology);
        return new Stacks(List.copyOf(regional.values()), List.copyOf(storage.values()),
                List.copyOf(peering.values()), global);
    }

    /** Every stack of one topology; {@link #all()} lists them in a valid deploy order. */
    public record Stacks(List<RegionalStack> regional, List<StorageStack> storage, List<PeeringStack> peering,
                         GlobalStack global) {

        public List<Stack> all() {
            List<Stack> all = new ArrayList<>(regional);
            all.addAll(storage.reversed());
            all.addAll(peering);
            all.add(global);
            return List.copyOf(all);
        }
    }

    /** Set by the CDK CLI from the caller's credentials; blank counts as absent. */
    static Optional<String> defaultAccount() {
        return Optional.ofNullable(System.getenv("CDK_DEFAULT_ACCOUNT")).filter(a -> !a.isBlank());
    }
}
