package dev.crossfade.functions.workflow;

import dev.crossfade.topology.Topology.Engine;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
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

    /** @param skipped one line per action that failed, naming the action and why */
    public record Result(boolean routingFenced, boolean writesFenced, List<String> skipped, String startedAt, String endedAt) {}

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

    /** Undoes the fence after a failed promotion, so the old primary keeps serving (nothing half-done). */
    public Result unfence(StepInput input) {
        return apply(input, true);
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
        return new Result(routing, writes, skipped, startedAt, Timestamps.now());
    }

    private static boolean attempt(List<String> skipped, String what, Runnable action) {
        try {
            AwsCalls.run("fencing the " + what, action);
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
