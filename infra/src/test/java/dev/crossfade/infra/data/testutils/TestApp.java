package dev.crossfade.infra.data.testutils;

import dev.crossfade.infra.global.Accelerator;
import dev.crossfade.infra.global.HealthChecks;
import dev.crossfade.infra.global.RegionEndpoint;
import dev.crossfade.infra.global.RoutingRecords;
import dev.crossfade.infra.testutils.SynthesizedApp;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Region;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * What the construct tests need beyond the real app ({@link TestApps}): the test account and a
 * global stack fed with literal stand-in ALB values, so that the global constructs' own tests
 * can assert exact health-check targets and alias values (the real app passes cross-region tokens).
 */
public final class TestApp {

    public static final String ACCOUNT = SynthesizedApp.ACCOUNT;

    private static final Map<String, Stack> GLOBALS = new ConcurrentHashMap<>();
    private static final Map<String, Template> TEMPLATES = new ConcurrentHashMap<>();

    private TestApp() {}

    /** The global constructs of {@code topology} in us-east-1, built once per topology name and routing. */
    public static synchronized Stack standInGlobal(Topology topology) {
        return GLOBALS.computeIfAbsent(key(topology), k -> {
            Stack global = new Stack(new App(), "Global", StackProps.builder()
                    .env(Environment.builder().account(ACCOUNT).region("us-east-1").build()).build());
            List<Region> regions = topology.enabledRegions();
            Map<String, RegionEndpoint> endpoints = endpoints(regions);
            HealthChecks checks = new HealthChecks(global, "HealthChecks", HealthChecks.Props.builder()
                    .prefix(topology.name()).healthCheck(topology.healthCheck())
                    .endpoints(List.copyOf(endpoints.values())).build());
            new RoutingRecords(global, "Records", RoutingRecords.Props.builder()
                    .domainName(topology.domain().name()).hostedZoneId(topology.domain().hostedZoneId())
                    .routing(topology.routing()).regions(regions).endpoints(endpoints)
                    .healthCheckIds(regions.stream().collect(Collectors.toMap(Region::name, r -> checks.healthCheckId(r.name()))))
                    .build());
            if (topology.globalAccelerator().enabled()) {
                new Accelerator(global, "Accelerator", Accelerator.Props.builder()
                        .prefix(topology.name()).mode(topology.mode()).regions(regions).endpoints(endpoints)
                        .healthCheck(topology.healthCheck()).accelerator(topology.globalAccelerator())
                        .hostedZoneId(topology.domain().hostedZoneId())
                        .aliasName(Accelerator.aliasNameFor(topology.domain().name())).build());
            }
            return global;
        });
    }

    public static synchronized Template standInGlobalTemplate(Topology topology) {
        Stack stack = standInGlobal(topology);
        return TEMPLATES.computeIfAbsent(key(topology), k -> Template.fromStack(stack));
    }

    /** {@link #standInGlobalTemplate} of the seed example (active-passive, failover routing). */
    public static Template seedGlobal() {
        return standInGlobalTemplate(TestTopologies.seed());
    }

    /** {@link #standInGlobalTemplate} of the active-active example (latency routing). */
    public static Template activeActiveGlobal() {
        return standInGlobalTemplate(TestTopologies.activeActive());
    }

    /** {@link #standInGlobalTemplate} of the three-region test topology (failover chain). */
    public static Template threeRegionsGlobal() {
        return standInGlobalTemplate(TestTopologies.threeRegions());
    }

    private static String key(Topology topology) {
        return topology.name() + "/" + topology.routing() + "/" + topology.mode();
    }

    /** Stand-ins for the regional stacks' ALB outputs. */
    public static Map<String, RegionEndpoint> endpoints(List<Region> regions) {
        Map<String, RegionEndpoint> endpoints = new LinkedHashMap<>();
        for (Region r : regions) {
            endpoints.put(r.name(), new RegionEndpoint(r.name(), "alb-" + r.name() + ".elb.amazonaws.com",
                    "ZALB" + r.name().replace("-", "").toUpperCase(),
                    "arn:aws:elasticloadbalancing:" + r.name() + ":" + ACCOUNT + ":loadbalancer/app/alb/" + r.priority()));
        }
        return endpoints;
    }
}
