package dev.crossfade.local.lab.chaos;


import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DeploymentFactory;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.detect.StateStore;
import dev.crossfade.local.DnsAnswer;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.lab.PostgresLab;
import dev.crossfade.local.lab.WriteLoad;
import dev.crossfade.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Reads an {@link Invariants.Observation} of the lab as an observer outside every region sees it:
 * the real PostgreSQL servers (who accepts writes), moto's records and health checks (the DNS
 * answer), the accelerator's dials, the executions and run locks of every region's workflow, and
 * each running detector's stored state. Nothing is taken from what a step meant to do.
 */
public final class Observer {

    /** States of a run that waits for a person (docs/workflow.md, data-loss approval). */
    static final Set<String> WAITING_STATES = Set.of("ApprovalNeeded", "ApprovalWindow", "AwaitApproval");

    private final EmulatedApplication app;
    private final WorkflowHarness harness;
    private final DnsAnswer dns;
    private final PostgresLab servers;
    private final Deployment deployment;

    public Observer(EmulatedApplication app, WorkflowHarness harness, DnsAnswer dns, PostgresLab servers) {
        this.app = app;
        this.harness = harness;
        this.dns = dns;
        this.servers = servers;
        this.deployment = DeploymentFactory.from(app.topology());
    }

    /**
     * @param healthy     regions with no fault on them now
     * @param detectorsUp regions whose detector runs (a region that is out has none)
     * @param load        the write load whose history is compared with the writer (may be null)
     * @param returning   regions back from an outage whose writer guard has not run since
     */
    public Invariants.Observation observe(Set<String> healthy, Set<String> detectorsUp, WriteLoad load, Set<String> returning) {
        Topology topology = app.topology();
        List<String> writers = servers.writers();
        List<String> answer = app.regions().stream().filter(dns.regions(topology.domain().name())::contains).toList();
        Map<String, Float> dials = app.dials();
        List<DescribeExecutionResponse> runs = executions();
        List<String> inProgress = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (DescribeExecutionResponse run : runs) {
            if (run.status() == ExecutionStatus.RUNNING) {
                String region = run.executionArn().split(":")[3];
                List<String> entered = harness.statesEntered(region, run.executionArn());
                boolean waits = !entered.isEmpty() && WAITING_STATES.contains(entered.getLast());
                (waits ? waiting : inProgress).add(run.name() + " in " + region + (entered.isEmpty() ? "" : " at " + entered.getLast()));
            }
        }
        long promotions = runs.stream().filter(r -> r.status() == ExecutionStatus.SUCCEEDED).count();
        boolean promoted = promotions > 0;
        Optional<Invariants.Lost> lost = Optional.empty();
        // a returning old primary out of traffic is not the writer the history is compared with (single-writer judges it)
        List<String> candidates = writers.stream().filter(w -> !returning.contains(w) || answer.contains(w)).toList();
        String compareWith = candidates.size() == 1 ? candidates.getFirst()
                : candidates.size() > 1 && !answer.isEmpty() && candidates.contains(answer.getFirst()) ? answer.getFirst() : null;
        if (load != null && compareWith != null) {
            List<WriteLoad.Ack> missing = load.lost(compareWith);
            // each promotion may lose what its replica lagged (within the budget): judged per incident, not as one span
            List<List<WriteLoad.Ack>> incidents = WriteLoad.groups(missing, topology.failover().rpoBudgetSeconds() * 1000L);
            promoted = promoted && incidents.size() <= promotions;
            lost = Optional.of(new Invariants.Lost(compareWith, missing.size(),
                    incidents.stream().mapToLong(WriteLoad::window).max().orElse(0), missing.stream().map(WriteLoad.Ack::seq).toList()));
        }
        return new Invariants.Observation(topology.mode(), writers, answer, dials, healthy, lost, promoted,
                topology.failover().rpoBudgetSeconds() * 1000L, locksHeld(), inProgress, waiting,
                topology.failover().approvalForDataLoss(), beliefs(detectorsUp), Set.copyOf(returning));
    }

    /** Whether a run that last entered {@code state} waits for a person. */
    public static boolean waitsForPerson(String state) {
        return WAITING_STATES.contains(state);
    }

    /** Regions whose workflow table holds the run lock ({@code lock#<application>}). */
    public List<String> locksHeld() {
        return locksHeld(app);
    }

    /** Regions whose workflow table holds the run lock ({@code lock#<application>}), read from moto directly. */
    public static List<String> locksHeld(EmulatedApplication app) {
        List<String> held = new ArrayList<>();
        for (String region : app.regions()) {
            Map<String, AttributeValue> lock = app.lockItem(region);
            if (lock != null && !lock.isEmpty()) {
                held.add(region);
            }
        }
        return held;
    }

    /** Every execution of the workflow in every region. */
    public List<DescribeExecutionResponse> executions() {
        return executions(app, harness);
    }

    /** Every execution of every state machine in every region of {@code app}. */
    public static List<DescribeExecutionResponse> executions(EmulatedApplication app, WorkflowHarness harness) {
        List<DescribeExecutionResponse> all = new ArrayList<>();
        for (String region : app.regions()) {
            harness.sfn(region).listStateMachines().stateMachines().forEach(m ->
                    harness.sfn(region).listExecutions(r -> r.stateMachineArn(m.stateMachineArn()).maxResults(1000)).executions()
                            .forEach(x -> all.add(harness.describe(region, x.executionArn()))));
        }
        return all;
    }

    /** Each running detector's stored belief of the regions in traffic. */
    private Map<String, List<String>> beliefs(Set<String> detectorsUp) {
        Map<String, List<String>> beliefs = new LinkedHashMap<>();
        AwsClients clients = app.clients();
        for (String region : app.regions()) {
            if (detectorsUp.contains(region)) {
                beliefs.put(region, new StateStore(clients, app.names().detectorTable(), region).load().traffic(deployment));
            }
        }
        return beliefs;
    }
}
