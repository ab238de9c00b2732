package dev.crossfade.infra;

import dev.crossfade.infra.constructs.RegionalCertificate;
import dev.crossfade.infra.constructs.RegionalDnsName;
import dev.crossfade.infra.constructs.Notifications;
import dev.crossfade.infra.constructs.RegionalNetwork;
import dev.crossfade.infra.constructs.RegionalSecurityGroups;
import dev.crossfade.infra.constructs.RegionalService;
import dev.crossfade.infra.data.DataNames;
import dev.crossfade.infra.data.RegionalDatabase;
import dev.crossfade.infra.detection.Detection;
import dev.crossfade.infra.global.Accelerator;
import dev.crossfade.infra.workflow.FailoverWorkflow;
import dev.crossfade.infra.workflow.WorkflowJar;
import dev.crossfade.infra.workflow.WorkflowTarget;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.env.RegionTargets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * Everything Crossfade deploys in one region except storage and peering: network, security
 * groups, the service behind its ALB (with its own certificate when needed), the region's DNS
 * name, the database, failure detection and the failover workflow. Named {@code <project>-<environment>-<region>} and
 * pinned to its region and account through {@code env}.
 */
public final class RegionalStack extends CrossfadeStack {

    /** PostgreSQL, the only engine family the topology offers. */
    static final int DATABASE_PORT = 5432;

    private final Props props;
    private RegionalNetwork network;
    private RegionalSecurityGroups securityGroups;
    private Optional<RegionalCertificate> certificate = Optional.empty();
    private RegionalService service;
    private RegionalDnsName dnsName;
    private RegionalDatabase database;
    private Detection detection;
    private FailoverWorkflow workflow;
    private Notifications notifications;

    public RegionalStack(Construct scope, Props props) {
        super(scope, nameFor(props), props.topology(), props.region().name(), props.account(),
                "Crossfade regional stack for " + props.topology().name() + " in " + props.region().name()
                        + (props.region().primary() ? " (primary)" : " (priority " + props.region().priority() + ")"));
        this.props = props;
        compose();
        outputs();
        Tags.of(this).add("crossfade:role", props.region().primary() ? "primary" : "secondary");
    }

    /** Every construct of the region, in dependency order; the one place to add a regional concern. */
    private void compose() {
        Topology t = props.topology();
        Topology.App app = t.app();
        Topology.Region region = props.region();
        network = new RegionalNetwork(this, "Network", RegionalNetwork.Props.builder().vpcCidr(region.vpcCidr()).build());
        securityGroups = new RegionalSecurityGroups(this, "SecurityGroups", RegionalSecurityGroups.Props.builder()
                .vpc(network.vpc()).appPort(app.containerPort()).databasePort(DATABASE_PORT)
                .peerCidrs(t.replication().vpcPeering() ? t.enabledRegions().stream().filter(r -> !r.name().equals(region.name()))
                        .collect(Collectors.toMap(Topology.Region::name, Topology.Region::vpcCidr)) : Map.of())
                .build());
        if (needsOwnCertificate(t)) {
            certificate = Optional.of(new RegionalCertificate(this, "Tls", RegionalCertificate.Props.builder()
                    .domainName(t.domain().name()).hostedZoneId(t.domain().hostedZoneId())
                    .alternativeNames(certificateAlternativeNames(t, region.name())).build()));
        }
        service = new RegionalService(this, "App", RegionalService.Props.builder()
                .vpc(network.vpc())
                .albSecurityGroup(securityGroups.alb())
                .serviceSecurityGroup(securityGroups.service())
                .image(app.image()).containerPort(app.containerPort()).healthPath(app.healthPath())
                .certificateArn(app.certificateArn().or(() -> certificate.map(RegionalCertificate::certificateArn)))
                .instanceType(region.instanceType())
                .desiredCount(region.desiredCount()).minCapacity(region.minCount()).maxCapacity(region.maxCount())
                .name(ecsClusterName(t, region.name()))
                .build());
        dnsName = new RegionalDnsName(this, "DnsName", RegionalDnsName.Props.builder()
                .region(region.name()).domainName(t.domain().name()).hostedZoneId(t.domain().hostedZoneId())
                .loadBalancer(service.loadBalancer()).build());
        database = new RegionalDatabase(this, "Data", RegionalDatabase.Props.builder()
                .topology(t).region(region).vpc(network.vpc()).securityGroup(securityGroups.database())
                .account(props.account()).build());
        detection = new Detection(this, "Detection", Detection.Props.builder()
                .topology(t).region(region.name()).codeJar(props.detectorJar().toString())
                .loadBalancerFullName(service.loadBalancerFullName())
                .targetGroupFullName(service.targetGroupFullName())
                .peerHealthUrls(t.enabledRegions().stream().filter(r -> !r.name().equals(region.name()))
                        .collect(Collectors.toMap(Topology.Region::name, r -> healthUrl(t, r.name()))))
                .replicaInstances(RegionalDatabase.replicaInstances(t))
                .nameDisabledRegions(false)
                .build());
        FailoverWorkflow.Props.Builder workflowProps = FailoverWorkflow.Props.builder()
                .application(t.name()).engine(t.database().engine().key())
                .targets(workflowTargets(t, props.account()))
                .rpoBudgetSeconds(t.failover().rpoBudgetSeconds()).approvalForDataLoss(t.failover().approvalForDataLoss())
                .activeActive(t.mode() == Topology.Mode.ACTIVE_ACTIVE)
                .approvalTimeoutMinutes(t.failover().approvalTimeoutMinutes())
                .repoRoot(DetectorJar.repoRoot())
                .jars(props.workflowJars());
        if (t.database().engine() == Topology.Engine.AURORA_POSTGRES_GLOBAL) {
            workflowProps.globalClusterId(DataNames.globalClusterIdentifier(t.name()));
        }
        if (t.database().engine() == Topology.Engine.RDS_POSTGRES) {
            // a replica the failback rebuilds here lands where CloudFormation put this region's database
            workflowProps.replicaPlacement(DataNames.dbSubnetGroupName(t.name(), region.name()),
                    List.of(securityGroups.database().getSecurityGroupId()));
        }
        props.acceleratorArn().ifPresent(workflowProps::acceleratorArn);
        workflow = new FailoverWorkflow(this, "Failover", workflowProps.build());
        notifications = new Notifications(this, "Notifications", Notifications.Props.builder()
                .application(t.name()).emails(t.notifications().emails())
                .topicArns(t.notifications().topicArns().stream()
                        .filter(arn -> Topology.Notifications.topicRegion(arn).equals(region.name())).toList())
                .approvalTimeoutMinutes(t.failover().approvalTimeoutMinutes())
                .detector(detection.function()).routingAlarm(workflow.routingAlarm())
                .build());
    }

    /** The ECS cluster of a region, named so that the failover workflow can scale it by name. */
    static String ecsClusterName(Topology t, String region) {
        return t.name() + "-" + region;
    }

    /**
     * What the failover workflow acts on in every enabled region, by deterministic name (a region's
     * tokens cannot cross into another region's stack). The health alarm is the region's
     * {@code unhealthy-targets} alarm ({@link Detection}): a metric alarm, OK while the ALB has a healthy
     * target. No endpoint group ARN: the pinning step finds the groups by region from the accelerator.
     */
    static List<WorkflowTarget> workflowTargets(Topology t, String account) {
        boolean rds = t.database().engine() == Topology.Engine.RDS_POSTGRES;
        String prefix = t.name();
        return t.enabledRegions().stream().map(r -> {
            String cluster = ecsClusterName(t, r.name());
            String clusterId = rds ? null : DataNames.dbClusterIdentifier(prefix, r.name());
            return new WorkflowTarget(r.name(), new RegionTargets(r.priority(), r.desiredCount(),
                    rds ? DataNames.dbInstanceIdentifier(prefix, r.name()) : null,
                    clusterId,
                    rds ? null : "arn:aws:rds:" + r.name() + ":" + account + ":cluster:" + clusterId,
                    rds ? DataNames.dbParameterGroupName(prefix, r.name()) : null,
                    cluster, RegionalService.serviceNameFor(cluster),
                    prefix + "-" + r.name() + "-unhealthy-targets",
                    null,
                    rds ? DataNames.keyAliasArn("aws", r.name(), account, DataNames.keyAlias(prefix, "rds")) : null));
        }).toList();
    }

    /** HTTPS health checks need a listener on 443; without a certificate of the operator's, the stack makes one. */
    static boolean needsOwnCertificate(Topology t) {
        return t.app().certificateArn().isEmpty() && t.healthCheck().protocol() == Topology.Protocol.HTTPS;
    }

    /** Whether the ALBs serve HTTPS (and redirect HTTP there). */
    static boolean servesHttps(Topology t) {
        return t.app().certificateArn().isPresent() || needsOwnCertificate(t);
    }

    static List<String> certificateAlternativeNames(Topology t, String region) {
        List<String> names = new ArrayList<>(List.of(RegionalDnsName.hostFor(region, t.domain().name())));
        if (t.globalAccelerator().enabled()) {
            names.add(Accelerator.aliasNameFor(t.domain().name()));
        }
        return List.copyOf(names);
    }

    /** What a peer's canary fetches: the region's own DNS name, the app's health path, HTTPS when the ALB serves it. */
    static String healthUrl(Topology t, String region) {
        return (servesHttps(t) ? "https" : "http") + "://" + RegionalDnsName.hostFor(region, t.domain().name())
                + t.app().healthPath();
    }

    static String nameFor(Props props) {
        return props.topology().name() + "-" + props.region().name();
    }

    private void outputs() {
        output("AlbDnsName", service.loadBalancer().getLoadBalancerDnsName(), "DNS name of the region's ALB");
        output("AlbHostedZoneId", service.loadBalancer().getLoadBalancerCanonicalHostedZoneId(),
                "canonical hosted zone of the ALB, for Route 53 alias records");
        output("VpcId", network.vpc().getVpcId(), "the region's VPC, for peering");
        output("PrivateRouteTableIds", Fn.join(",", network.privateRouteTableIds()),
                "comma-separated private route tables, for peering routes");
        output("DbSecurityGroupId", securityGroups.database().getSecurityGroupId(),
                "security group of the database, open to the service only");
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    /**
     * Fn::GetAZs instead of a context lookup: synthesis then needs no AWS credentials, and the
     * stack still takes the region's first zones at deploy time.
     */
    @Override
    public List<String> getAvailabilityZones() {
        return List.of(Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs()));
    }

    public Topology topology() { return props.topology(); }

    public Topology.Region regionConfig() { return props.region(); }

    public RegionalNetwork network() { return network; }

    public RegionalSecurityGroups securityGroups() { return securityGroups; }

    public RegionalService service() { return service; }

    public RegionalDnsName dnsName() { return dnsName; }

    public RegionalDatabase database() { return database; }

    public Detection detection() { return detection; }

    public FailoverWorkflow workflow() { return workflow; }

    public Notifications notifications() { return notifications; }

    /**
     * @param account     the concrete AWS account (database ARNs and bucket names need it)
     * @param detectorJar the detector Lambda's jar ({@link DetectorJar#locate})
     * @param workflowJars every workflow jar ({@link DetectorJar#locateWorkflow(java.util.function.Function)})
     * @param acceleratorArn the accelerator the workflow pins traffic on, once the global stack made it
     *                       (context {@code acceleratorArn}); empty: the pinning step is skipped
     */
    @PropsBuilder
    public record Props(Topology topology, Topology.Region region, String account, Path detectorJar,
                        Map<WorkflowJar, Path> workflowJars, Optional<String> acceleratorArn) {

        public Props {
            Objects.requireNonNull(topology, "topology");
            Objects.requireNonNull(region, "region");
            if (!region.enabled()) {
                throw new IllegalArgumentException("region " + region.name() + " is disabled; no stack is made for it");
            }
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(detectorJar, "detectorJar");
            Objects.requireNonNull(workflowJars, "workflowJars");
            for (WorkflowJar jar : WorkflowJar.values()) {
                if (!workflowJars.containsKey(jar)) {
                    throw new IllegalArgumentException("workflowJars has no " + jar.classifier() + " jar");
                }
            }
            workflowJars = Ordered.copyOf(workflowJars);
            acceleratorArn = Objects.requireNonNullElse(acceleratorArn, Optional.empty());
        }

        public static RegionalStackPropsBuilder builder() { return RegionalStackPropsBuilder.builder(); }
    }
}
