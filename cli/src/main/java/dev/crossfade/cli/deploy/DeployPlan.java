package dev.crossfade.cli.deploy;

import dev.crossfade.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CDK CLI passes that deploy a topology, in order (docs/infra.md, "Deploy order"; README
 * "Deploy"). Plain data: {@link DeployCommand} prints it ({@code --dry-run}) or runs it.
 *
 * <ol>
 *   <li>{@code bootstrap} (active-active with S3 buckets, first deployment only): the storage
 *       stacks with {@code -c replicationPhase=bootstrap}, because two-way replication rules name
 *       buckets that do not exist yet;</li>
 *   <li>{@code all}: every stack, {@code cdk deploy --all} following the stack dependencies,
 *       writing the stacks' outputs to a file;</li>
 *   <li>{@code accelerator} (Global Accelerator on, and its ARN not yet given to the workflow): the
 *       regional stacks again with {@code -c acceleratorArn=<the global stack's AcceleratorArn
 *       output>}, so the workflow can pin traffic.</li>
 * </ol>
 */
public record DeployPlan(List<String> stackOrder, List<Pass> passes) {

    /** The global stack's output that carries the accelerator's ARN. */
    public static final String ACCELERATOR_OUTPUT = "AcceleratorArn";
    /** Written into the command where the accelerator's ARN goes once pass {@code all} has run. */
    public static final String ACCELERATOR_PLACEHOLDER = "<AcceleratorArn output of the global stack>";

    /** @param when empty if the pass always runs, else the condition in words */
    public record Pass(String name, String purpose, Optional<String> when, List<String> arguments) {}

    /** What is deployed already (from CloudFormation; unknown on a dry run = a first deployment). */
    public record State(boolean storageStacksExist, Optional<String> acceleratorArn) {
        public static final State FIRST_DEPLOYMENT = new State(false, Optional.empty());
    }

    public static DeployPlan of(Topology t, Path topologyFile, Path outputsFile, State state, boolean approveAll) {
        List<String> regional = t.enabledRegions().stream().map(r -> t.name() + "-" + r.name()).toList();
        List<String> storage = new ArrayList<>(t.enabledRegions().stream().map(r -> t.name() + "-" + r.name() + "-storage").toList());
        List<String> order = new ArrayList<>(regional);
        order.addAll(storage.reversed());
        if (t.replication().vpcPeering()) {
            t.enabledRegions().forEach(r -> order.add(t.name() + "-" + r.name() + "-peering"));
        }
        order.add(t.name() + "-global");

        List<String> common = new ArrayList<>(List.of("-c", "topology=" + topologyFile));
        if (approveAll) {
            common.addAll(List.of("--require-approval", "never"));
        }
        List<Pass> passes = new ArrayList<>();
        boolean twoWay = t.mode() == Topology.Mode.ACTIVE_ACTIVE && !t.replication().s3Buckets().isEmpty();
        if (twoWay && !state.storageStacksExist()) {
            List<String> args = new ArrayList<>(List.of("deploy"));
            args.addAll(storage.reversed());
            args.addAll(common);
            args.addAll(List.of("-c", "replicationPhase=bootstrap"));
            passes.add(new Pass("bootstrap", "storage stacks without the reverse S3 replication rules (their buckets do not exist yet)",
                    Optional.of("first deployment of an active-active topology with S3 buckets"), args));
        }
        List<String> all = new ArrayList<>(List.of("deploy", "--all"));
        all.addAll(common);
        state.acceleratorArn().ifPresent(arn -> all.addAll(List.of("-c", "acceleratorArn=" + arn)));
        all.addAll(List.of("--outputs-file", outputsFile.toString()));
        passes.add(new Pass("all", "every stack, in dependency order", Optional.empty(), all));
        if (t.globalAccelerator().enabled() && state.acceleratorArn().isEmpty()) {
            List<String> args = new ArrayList<>(List.of("deploy"));
            args.addAll(regional);
            args.add("--exclusively");
            args.addAll(common);
            args.addAll(List.of("-c", "acceleratorArn=" + ACCELERATOR_PLACEHOLDER));
            passes.add(new Pass("accelerator", "the regional stacks again, with the accelerator's ARN for the workflow's pinning step",
                    Optional.of("Global Accelerator on, first deployment"), args));
        }
        return new DeployPlan(List.copyOf(order), List.copyOf(passes));
    }

    /**
     * The regions that need {@code cdk bootstrap} once: every region a stack deploys to, i.e. each
     * enabled region and us-east-1 (the global stack, which also creates the accelerator: Global
     * Accelerator's API lives in us-west-2, but CloudFormation calls it from the us-east-1 stack).
     */
    public static List<String> bootstrapRegions(Topology t) {
        List<String> regions = new ArrayList<>(t.enabledRegions().stream().map(Topology.Region::name).toList());
        if (!regions.contains("us-east-1")) {
            regions.add("us-east-1");
        }
        return List.copyOf(regions);
    }
}
