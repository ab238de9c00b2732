package dev.crossfade.functions.workflow.database;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.FencingFailedException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.Timestamps;
import dev.crossfade.functions.workflow.TransientAwsException;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RoutingControl;
import dev.crossfade.functions.workflow.state.RoutingVeto;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.Parameter;

/**
 * Fences the old primary so two writers never take traffic together. The run promotes without a
 * fence only when the old primary is <em>confirmed unreachable</em>: no connection could be made
 * to its region in two independent ways (its CloudWatch endpoint, where the routing control is
 * written, and its RDS endpoint, where the read-only parameter is written, or for Aurora read).
 * Then each missed action is recorded in {@code skipped}, and the region, which nobody can reach,
 * also fails its endpoint health check, which Route 53 combines with the routing control.
 * Anything else stops the run before the promotion: a refusal that a retry cannot mend
 * ({@code AccessDenied}, a missing parameter group) or a region that answered one way but not the
 * other is a {@link FencingFailedException}; a throttle, a 5xx or a timeout from a region that
 * answers is a {@link TransientAwsException} for the state machine's Retry, and when that is
 * exhausted the run stops too (docs/workflow.md, "When fencing may be skipped").
 */
public final class Fencing extends StepLogic {

    /**
     * @param skipped        one line per action that failed, naming the action and why
     * @param targetPromoted only when undoing: the target already is (or is becoming) the writer,
     *                       so the fence was kept and the run must move traffic to it instead
     * @param vetoedIn       fencing an unreachable old primary: the region whose CloudWatch now holds
     *                       its routing veto ({@link RoutingVeto}); empty when no veto was set
     */
    public record Result(boolean routingFenced, boolean writesFenced, List<String> skipped, String startedAt, String endedAt,
                         boolean targetPromoted, String vetoedIn) {}

    public static final String READ_ONLY_PARAMETER = "default_transaction_read_only";

    public Fencing(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    public Result fence(StepInput input) {
        return apply(input, false);
    }

    /**
     * Undoes the fence after a failed promotion, so the old primary keeps serving (nothing
     * half-done) -- but only when the target did not become the writer after all. A step that
     * failed after {@code PromoteReadReplica} or {@code FailoverGlobalCluster} was accepted (a crash,
     * a deploy that changed the configuration mid-run) must not give the old primary its writes
     * back: that would make two writers. When the target cannot be read, this throws and the fence
     * stays.
     */
    public Result unfence(StepInput input) {
        Optional<String> promoted = targetPromoted(input);
        if (promoted.isPresent()) {
            String now = Timestamps.now();
            return new Result(false, false, List.of("unfence of " + input.from() + " not done: "
                    + promoted.get()), Timestamps.startOf(input), now, true, "");
        }
        return apply(input, true);
    }

    /** Why the target counts as the writer (or becoming it), if it does. */
    private Optional<String> targetPromoted(StepInput input) {
        String to = input.to();
        if (!config.regions().containsKey(to)) {
            // a deploy removed the target mid-run: nothing to read it by
            if (input.promotionStarted()) {
                throw new IllegalStateException("cannot tell whether " + to + " became the writer (not in this deploy's configuration: "
                        + String.join(", ", config.regions().keySet()) + ") and its promotion was accepted: the old primary stays fenced");
            }
            return Optional.empty();
        }
        RegionTargets target = config.region(to);
        if (config.engine() == Engine.RDS_POSTGRES) {
            DBInstance db = AwsCalls.call("DescribeDBInstances " + target.dbInstanceId(), () -> clients.get(RDS, to)
                    .describeDBInstances(r -> r.dbInstanceIdentifier(target.dbInstanceId()))).dbInstances().getFirst();
            String status = db.dbInstanceStatus();
            if (status.startsWith("failed") || status.startsWith("incompatible") || status.startsWith("inaccessible")) {
                return Optional.empty();
            }
            if (db.readReplicaSourceDBInstanceIdentifier() == null) {
                // only a promotion of this run's lineage counts: an old primary standing there is no new writer
                Map<String, String> tags = new WriterLineage(clients, config).tags(to, db.dbInstanceArn());
                return String.valueOf(input.incidentId()).equals(tags.get(WriterLineage.PROMOTED_FOR_TAG))
                        ? Optional.of("target " + target.dbInstanceId() + " in " + to + " is already a standalone writer")
                        : Optional.empty();
            }
            return "available".equals(status) ? Optional.empty()
                    : Optional.of("target " + target.dbInstanceId() + " in " + to + " is " + status + ", possibly promoting");
        }
        GlobalCluster global = AwsCalls.call("DescribeGlobalClusters", () -> clients.get(RDS, to)
                        .describeGlobalClusters(r -> r.globalClusterIdentifier(config.globalClusterId())))
                .globalClusters().stream().filter(g -> config.globalClusterId().equals(g.globalClusterIdentifier())).findFirst()
                .orElseThrow(() -> new IllegalStateException("global cluster " + config.globalClusterId() + " not found"));
        if (target.dbClusterArn().equals(Promotion.writer(global).orElse(null))) {
            return Optional.of("target " + target.dbClusterArn() + " is already the global writer");
        }
        return "available".equals(global.status()) ? Optional.empty()
                : Optional.of("global cluster " + config.globalClusterId() + " is " + global.status() + ", the writer may be moving");
    }

    private Result apply(StepInput input, boolean restore) {
        String startedAt = Timestamps.startOf(input);
        String old = input.from();
        List<String> skipped = new ArrayList<>();
        int unreachable = 0;
        boolean routing = attempt(skipped, "routing control of " + old, restore,
                () -> new RoutingControl(clients, config.application()).set(old, restore));
        unreachable += routing ? 0 : 1;
        boolean writes = false;
        if (config.engine() == Engine.RDS_POSTGRES) {
            RegionTargets targets = config.region(old);
            writes = attempt(skipped, "read-only parameter of " + targets.dbParameterGroup(), restore, () -> clients.get(RDS, old)
                    .modifyDBParameterGroup(r -> r.dbParameterGroupName(targets.dbParameterGroup()).parameters(Parameter.builder()
                            .parameterName(READ_ONLY_PARAMETER).parameterValue(restore ? "off" : "on")
                            .applyMethod(ApplyMethod.IMMEDIATE).build())));
            unreachable += writes ? 0 : 1;
        } else if (!routing && !restore) {
            // Aurora has no write fence here: the second, independent way to tell the region is gone is its RDS endpoint
            RegionTargets targets = config.region(old);
            boolean answered = attempt(skipped, "RDS endpoint of " + old + " (probe)", false, () -> clients.get(RDS, old)
                    .describeDBClusters(r -> r.dbClusterIdentifier(targets.dbClusterId())));
            if (answered) {
                throw new FencingFailedException("the routing control of " + old + " could not be written (" + skipped.getFirst()
                        + ") but its RDS endpoint answers: the old primary is not confirmed unreachable, so it is not fenced");
            }
            unreachable += 1;
        }
        if (!restore && unreachable == 1) {
            throw new FencingFailedException("the old primary in " + old + " is half reachable: " + String.join("; ", skipped)
                    + ", while its other endpoint answered and was fenced: not confirmed unreachable, so the run stops"
                    + " rather than promote beside a writer that may still take writes");
        }
        String vetoedIn = "";
        if (!restore && unreachable == 2) {
            // its own routing control still reads "on" when it comes back: keep it out of DNS from outside it
            vetoedIn = veto(skipped, old, true);
        } else if (restore) {
            veto(skipped, old, false);
        }
        return new Result(routing, writes, skipped, startedAt, Timestamps.now(), false, vetoedIn);
    }

    /** Sets or lifts the old primary's routing veto in its holder region; a failure is recorded, never thrown. */
    private String veto(List<String> skipped, String region, boolean vetoed) {
        RoutingVeto veto = new RoutingVeto(clients, config);
        try {
            return AwsCalls.call("routing veto", () -> veto.set(region, vetoed)).orElse("");
        } catch (RuntimeException e) {
            skipped.add("routing veto of " + region + (vetoed ? "" : " (lifting)") + " in " + veto.holder(region).orElse("(none)") + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
            return "";
        }
    }

    /**
     * @return true when done; false when the region could not be connected to (recorded). A refusal
     *         is thrown as {@link FencingFailedException} when fencing, recorded when undoing.
     */
    private static boolean attempt(List<String> skipped, String what, boolean restore, Runnable action) {
        try {
            AwsCalls.run("fencing", action);
            return true;
        } catch (TransientAwsException e) {
            if (!AwsCalls.unreachable(e)) {
                throw new TransientAwsException("fencing the " + what + ": " + e.getMessage(), e);
            }
            skipped.add(what + ": unreachable: " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            if (!restore) {
                throw new FencingFailedException("fencing the " + what + " refused: " + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + " (a refusal no retry mends; the run stops rather than promote unfenced)");
            }
            skipped.add(what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return false;
        }
    }
}
