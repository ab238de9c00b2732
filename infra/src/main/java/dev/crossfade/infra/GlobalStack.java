package dev.crossfade.infra;

import dev.crossfade.infra.global.Accelerator;
import dev.crossfade.infra.global.HealthChecks;
import dev.crossfade.infra.global.RegionEndpoint;
import dev.crossfade.infra.global.RoutingRecords;
import dev.crossfade.infra.workflow.FailoverWorkflow;
import dev.crossfade.infra.workflow.WorkflowDashboard;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.VetoHolder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awscdk.Fn;
import software.constructs.Construct;

/**
 * Global routing, {@code <project>-<environment>-global}, always in us-east-1 (Route 53
 * health-check metrics exist only there): a health check and its alarm per enabled region,
 * combined with a check on the region's routing-control alarm (the failover workflow's data-plane
 * switch) and one on its routing veto (held in its veto holder region), the records of {@code domain.name} for the topology's {@code routing}, Global
 * Accelerator when enabled, and the application's one failover dashboard. Each region's ALB arrives from its regional stack as a CDK cross-region
 * reference (an ordinary import for us-east-1).
 */
public final class GlobalStack extends CrossfadeStack {

    public static final String REGION = "us-east-1";

    private final HealthChecks healthChecks;
    private final RoutingRecords records;
    private final Optional<Accelerator> accelerator;
    private final WorkflowDashboard dashboard;

    public GlobalStack(Construct scope, Topology topology, String account, List<RegionalStack> regional) {
        super(scope, nameFor(topology), topology, REGION, account,
                "Crossfade global routing for " + topology.name() + " (Route 53, Global Accelerator)");
        List<Topology.Region> regions = topology.enabledRegions();
        Map<String, RegionEndpoint> endpoints = new LinkedHashMap<>();
        for (RegionalStack stack : regional) {
            addStackDependency(stack, "health checks, records and endpoints point at this region's ALB");
            var alb = stack.service().loadBalancer();
            endpoints.put(stack.regionConfig().name(), new RegionEndpoint(stack.regionConfig().name(),
                    alb.getLoadBalancerDnsName(), alb.getLoadBalancerCanonicalHostedZoneId(), alb.getLoadBalancerArn()));
        }
        healthChecks = new HealthChecks(this, "HealthChecks", HealthChecks.Props.builder()
                .prefix(topology.name()).healthCheck(topology.healthCheck())
                .endpoints(List.copyOf(endpoints.values()))
                .routingAlarms(regions.stream().collect(Collectors.toMap(Topology.Region::name,
                        r -> FailoverWorkflow.routingAlarmName(topology.name(), r.name()))))
                .vetoAlarms(vetoAlarms(topology))
                .build());
        records = new RoutingRecords(this, "Records", RoutingRecords.Props.builder()
                .domainName(topology.domain().name()).hostedZoneId(topology.domain().hostedZoneId())
                .routing(topology.routing()).regions(regions).endpoints(endpoints)
                .healthCheckIds(regions.stream().collect(Collectors.toMap(Topology.Region::name,
                        r -> healthChecks.recordHealthCheckId(r.name()))))
                .build());
        accelerator = topology.globalAccelerator().enabled()
                ? Optional.of(new Accelerator(this, "Accelerator", Accelerator.Props.builder()
                        .prefix(topology.name()).mode(topology.mode()).regions(regions).endpoints(endpoints)
                        .healthCheck(topology.healthCheck()).accelerator(topology.globalAccelerator())
                        .hostedZoneId(topology.domain().hostedZoneId())
                        .aliasName(Accelerator.aliasNameFor(topology.domain().name())).build()))
                : Optional.empty();
        // crossfade deploy reads it after the first pass and redeploys the regional stacks with it (docs/infra.md)
        accelerator.ifPresent(a -> software.amazon.awscdk.CfnOutput.Builder.create(this, ACCELERATOR_ARN_OUTPUT)
                .value(a.accelerator().getAttrAcceleratorArn())
                .description("The accelerator's ARN: -c acceleratorArn=... for the regional stacks' failover workflow").build());
        dashboard = new WorkflowDashboard(this, "FailoverDashboard", new WorkflowDashboard.Props(topology.name(),
                topology.database().engine().key(), RegionalStack.workflowTargets(topology, account), REGION,
                accelerator.map(a -> Fn.select(1, Fn.split("/", a.accelerator().getAttrAcceleratorArn())))));
    }

    /**
     * Each enabled region's routing veto: the alarm {@code <application>-veto-<region>} that its veto
     * holder's {@link FailoverWorkflow} makes ({@link VetoHolder}); none for a region without a holder
     * (a single enabled region).
     */
    public static Map<String, HealthChecks.VetoAlarm> vetoAlarms(Topology topology) {
        Map<String, HealthChecks.VetoAlarm> vetoes = new LinkedHashMap<>();
        for (Topology.Region region : topology.enabledRegions()) {
            VetoHolder.of(topology, region.name()).ifPresent(holder -> vetoes.put(region.name(),
                    new HealthChecks.VetoAlarm(FailoverWorkflow.vetoAlarmName(topology.name(), region.name()), holder)));
        }
        return vetoes;
    }

    /** The output carrying the accelerator's ARN. */
    public static final String ACCELERATOR_ARN_OUTPUT = "AcceleratorArn";

    public static String nameFor(Topology topology) {
        return topology.name() + "-global";
    }

    public HealthChecks healthChecks() {
        return healthChecks;
    }

    public RoutingRecords records() {
        return records;
    }

    public WorkflowDashboard dashboard() {
        return dashboard;
    }

    public Optional<Accelerator> accelerator() {
        return accelerator;
    }
}
