package dev.crossfade.functions.workflow;

import dev.crossfade.topology.Topology.Engine;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.Parameter;

/**
 * Fences the old primary so two writers never take traffic together. Best effort only where the
 * old region cannot be reached at all (no connection): that action is skipped and recorded and
 * the run goes on, because a region nobody can connect to also fails its endpoint health check,
 * which Route 53 combines with the routing control. A throttle, a 5xx or a timeout from a region
 * that answers is not proof of an outage, so it is thrown as {@link TransientAwsException} for the
 * state machine's Retry: swallowing it would leave the old primary in traffic beside the new one.
 * A refusal that a retry cannot mend (access denied, a missing parameter group) is recorded.
 */
public final class Fencing {

    /**
     * @param skipped        one line per action that failed, naming the action and why
     * @param targetPromoted only when undoing: the target already is (or is becoming) the writer,
     *                       so the fence was kept and the run must move traffic to it instead
     */
    public record Result(boolean routingFenced, boolean writesFenced, List<String> skipped, String startedAt, String endedAt,
                         boolean targetPromoted) {}

    static final String READ_ONLY_PARAMETER = "default_transaction_read_only";

    private final AwsClients clients;
    private final WorkflowConfig config;

    public Fencing(AwsClients clients, WorkflowConfig config) {
        this.clients = clients;
        this.config = config;
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
                    + promoted.get()), Timestamps.startOf(input), now, true);
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
            DBInstance db = AwsCalls.call("DescribeDBInstances " + target.dbInstanceId(), () -> clients.rds(to)
                    .describeDBInstances(r -> r.dbInstanceIdentifier(target.dbInstanceId()))).dbInstances().getFirst();
            String status = db.dbInstanceStatus();
            if (status.startsWith("failed") || status.startsWith("incompatible") || status.startsWith("inaccessible")) {
                return Optional.empty();
            }
            if (db.readReplicaSourceDBInstanceIdentifier() == null) {
                return Optional.of("target " + target.dbInstanceId() + " in " + to + " is already a standalone writer");
            }
            return "available".equals(status) ? Optional.empty()
                    : Optional.of("target " + target.dbInstanceId() + " in " + to + " is " + status + ", possibly promoting");
        }
        GlobalCluster global = AwsCalls.call("DescribeGlobalClusters", () -> clients.rds(to)
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
        boolean routing = attempt(skipped, "routing control of " + old, () -> new RoutingControl(clients, config.application()).set(old, restore));
        boolean writes = false;
        if (config.engine() == Engine.RDS_POSTGRES) {
            RegionTargets targets = config.region(old);
            writes = attempt(skipped, "read-only parameter of " + targets.dbParameterGroup(), () -> clients.rds(old)
                    .modifyDBParameterGroup(r -> r.dbParameterGroupName(targets.dbParameterGroup()).parameters(Parameter.builder()
                            .parameterName(READ_ONLY_PARAMETER).parameterValue(restore ? "off" : "on")
                            .applyMethod(ApplyMethod.IMMEDIATE).build())));
        }
        return new Result(routing, writes, skipped, startedAt, Timestamps.now(), false);
    }

    private static boolean attempt(List<String> skipped, String what, Runnable action) {
        try {
            AwsCalls.run("fencing", action);
            return true;
        } catch (TransientAwsException e) {
            if (!unreachable(e)) {
                throw new TransientAwsException("fencing the " + what + ": " + e.getMessage(), e);
            }
            skipped.add(what + ": unreachable: " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            skipped.add(what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return false;
        }
    }

    /** No connection could be made: refused, no route, no such host, or the connect itself timed out. */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
                return true;
            }
        }
        return false;
    }
}
