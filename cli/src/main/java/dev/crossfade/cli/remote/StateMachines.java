package dev.crossfade.cli.remote;

import dev.crossfade.cli.BadInputException;
import dev.crossfade.topology.Topology;
import java.util.Objects;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesRequest;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * Finds the deployed workflow, {@code <project>-<environment>-failover}, in one region. With the
 * topology's account the ARN is known and checked with DescribeStateMachine; without it the
 * region's state machines are listed and matched by name.
 */
public final class StateMachines {

    private final Topology topology;
    private final SfnClients sfn;

    public StateMachines(Topology topology, SfnClients sfn) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.sfn = Objects.requireNonNull(sfn, "sfn");
    }

    public String name() {
        return topology.name() + "-failover";
    }

    /** The workflow's ARN in {@code region}; not deployed there is bad input (exit 2). */
    public String arn(String region) {
        return AccountCalls.call("find the workflow in " + region, () -> topology.account()
                .map(account -> described(region, arn(region, account)))
                .orElseGet(() -> listed(region)));
    }

    private String arn(String region, String account) {
        return "arn:" + partition(region) + ":states:" + region + ":" + account + ":stateMachine:" + name();
    }

    private String described(String region, String arn) {
        try {
            sfn.in(region).describeStateMachine(DescribeStateMachineRequest.builder().stateMachineArn(arn).build());
            return arn;
        } catch (StateMachineDoesNotExistException e) {
            throw notDeployed(region, arn);
        }
    }

    private String listed(String region) {
        return sfn.in(region).listStateMachinesPaginator(ListStateMachinesRequest.builder().build())
                .stateMachines().stream()
                .filter(m -> m.name().equals(name()))
                .map(StateMachineListItem::stateMachineArn)
                .findFirst()
                .orElseThrow(() -> notDeployed(region, "arn:" + partition(region) + ":states:" + region
                        + ":<account>:stateMachine:" + name()));
    }

    private BadInputException notDeployed(String region, String arn) {
        return new BadInputException("state machine " + arn + " not found in " + region
                + ": deploy the stacks first (README, Deploy), or check the topology's project, environment and account");
    }

    private static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
