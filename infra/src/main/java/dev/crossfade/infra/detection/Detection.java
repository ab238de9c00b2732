package dev.crossfade.infra.detection;

import static java.util.Objects.requireNonNull;

import dev.crossfade.infra.Ordered;
import dev.crossfade.infra.PropsBuilder;
import dev.crossfade.infra.constructs.Nag;
import dev.crossfade.infra.workflow.FailoverWorkflow;
import dev.crossfade.topology.Topology;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Match;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Failure detection in one region (docs/detection.md): alarms on this region's own signals
 * ({@code alb-5xx}, {@code unhealthy-targets}), canaries probing the peers' health endpoints
 * with a {@code canary} alarm each, EventBridge rules that deliver this application's alarm
 * state changes and a schedule to the detector Lambda (Java 21, arm64, SnapStart), the
 * detector's state table, and forwarding of this region's alarm events to the peers' buses.
 */
public final class Detection extends Construct {

    public static final String HANDLER = "dev.crossfade.functions.detect.EvaluateAlarmHandler::handleRequest";

    private final Table table;
    private final Function function;
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();

    public Detection(Construct scope, String id, Props props) {
        super(scope, id);
        Topology t = props.topology;
        String prefix = t.name() + "-";
        Stack stack = Stack.of(this);
        table = Table.Builder.create(this, "State")
                .tableName(prefix + "detector")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        alarms.put("alb-5xx", alarm(prefix + props.region + "-alb-5xx", "5xx share of ALB requests in " + props.region + " above 5 %",
                MathExpression.Builder.create().label("5xx %").period(Duration.minutes(1))
                        .expression("IF(requests > 0, 100 * (elb5xx + target5xx) / requests, 0)")
                        .usingMetrics(new TreeMap<>(Map.of(
                                "elb5xx", albMetric("HTTPCode_ELB_5XX_Count", props),
                                "target5xx", albMetric("HTTPCode_Target_5XX_Count", props),
                                "requests", albMetric("RequestCount", props))))
                        .build(), 5, ComparisonOperator.GREATER_THAN_THRESHOLD, 3, TreatMissingData.NOT_BREACHING));
        alarms.put("unhealthy-targets", alarm(prefix + props.region + "-unhealthy-targets", "no healthy target behind the ALB in " + props.region,
                Metric.Builder.create().namespace("AWS/ApplicationELB").metricName("HealthyHostCount").statistic("Maximum")
                        .period(Duration.minutes(1))
                        .dimensionsMap(new TreeMap<>(Map.of("LoadBalancer", props.loadBalancerFullName, "TargetGroup", props.targetGroupFullName)))
                        .build(), 1, ComparisonOperator.LESS_THAN_THRESHOLD, 2, TreatMissingData.BREACHING));
        props.peerHealthUrls.forEach((peer, url) -> {
            PeerCanary canary = new PeerCanary(this, "Canary-" + peer, peer, url);
            alarms.put("canary:" + peer, alarm(prefix + peer + "-canary", "canary in " + props.region + " cannot reach " + peer + " at " + url,
                    canary.successPercent(), 100, ComparisonOperator.LESS_THAN_THRESHOLD, 2, TreatMissingData.NOT_BREACHING));
        });

        function = Function.Builder.create(this, "Detector")
                .functionName(prefix + "detector")
                .description("Decides failovers away from the other regions of " + t.name())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                // X-Ray: the decision's calls (DynamoDB, Step Functions, CloudWatch) traced end to end
                .tracing(Tracing.ACTIVE)
                .handler(HANDLER)
                .code(Code.fromAsset(props.codeJar))
                .memorySize(1024)
                .timeout(Duration.seconds(60))
                .environment(DetectorEnvironment.of(t, props.region, stack.getAccount(), prefix + "detector", props.replicaInstances,
                        props.nameDisabledRegions))
                .logGroup(LogGroup.Builder.create(this, "Logs").retention(RetentionDays.THREE_MONTHS).build())
                .build();
        Alias live = Alias.Builder.create(this, "Live").aliasName("live").version(function.getCurrentVersion()).build();
        DetectorPermissions.grant(function, table, t, stack.getAccount());
        Nag.suppress(function, "AwsSolutions-L1", "The detector is compiled for Java 21 (--release 21) and relies on "
                + "SnapStart; java21 is a supported LTS runtime, and a runtime change is a deliberate upgrade.");
        Nag.suppress(function.getRole(), "AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole lets the detector write "
                + "its own logs; CDK attaches it to every function role.", List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
        Nag.suppressMatching(function.getRole().getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
                "cloudwatch:GetMetricStatistics and DescribeAlarms have no resource-level permissions (the detector's own "
                        + "metrics go to its log in embedded metric format, no PutMetricData); X-Ray's PutTraceSegments and "
                        + "PutTelemetryRecords have none either; index/* is the state table's own indexes.",
                List.of("/^Resource::\\*$/", "/^Resource::<[A-Za-z0-9]*State[A-Za-z0-9]+\\.Arn>\\/index\\/\\*$/"));

        Rule.Builder.create(this, "AlarmChanges")
                .description("CloudWatch alarm state changes of " + t.name() + " to the detector")
                .eventPattern(alarmPattern(prefix, null))
                .targets(List.of(LambdaFunction.Builder.create(live).retryAttempts(2).build()))
                .build();
        Rule.Builder.create(this, "Reevaluate")
                .description("Re-evaluates dwell times, cooldowns and pending starts of " + t.name())
                .schedule(Schedule.rate(Duration.minutes(props.scheduleMinutes)))
                .targets(List.of(LambdaFunction.Builder.create(live).retryAttempts(0).build()))
                .build();
        Rule.Builder.create(this, "RunOutcomes")
                .description("How each " + t.name() + " failover run ended (Step Functions status changes) to the detector, so that "
                        + "its belief of the regions in traffic follows what actually happened")
                .eventPattern(runPattern(t, stack.getAccount(), null))
                .targets(List.of(LambdaFunction.Builder.create(live).retryAttempts(2).build()))
                .build();
        if (props.forwardToPeers) {
            forwardToPeers(t, props.region, prefix, stack.getAccount());
        }
    }

    /** A run's end, of this application's failover state machine in any enabled region (runs start in the target region). */
    static EventPattern runPattern(Topology t, String account, String onlyRegion) {
        List<String> machines = t.enabledRegions().stream()
                .map(r -> "arn:aws:states:" + r.name() + ":" + account + ":stateMachine:" + FailoverWorkflow.stateMachineName(t.name()))
                .toList();
        EventPattern.Builder b = EventPattern.builder()
                .source(List.of("aws.states"))
                .detailType(List.of("Step Functions Execution Status Change"))
                .detail(new TreeMap<>(Map.of("stateMachineArn", machines, "status", List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"))));
        if (onlyRegion != null) {
            b.region(List.of(onlyRegion));
        }
        return b.build();
    }

    /** EventBridge's limit of targets per rule: more peers than this take more rules. */
    static final int MAX_TARGETS_PER_RULE = 5;

    /**
     * This region's own alarm events go to every peer's default bus; matching on {@code region}
     * prevents loops. One rule per five peers: the first keeps the id {@code ForwardToPeers}, so a
     * deployment of up to six regions does not replace it.
     */
    private void forwardToPeers(Topology t, String region, String prefix, String account) {
        List<software.amazon.awscdk.services.events.IRuleTarget> targets = t.enabledRegions().stream()
                .filter(r -> !r.name().equals(region))
                .map(r -> (software.amazon.awscdk.services.events.IRuleTarget) new software.amazon.awscdk.services.events.targets.EventBus(
                        EventBus.fromEventBusArn(this, "Bus-" + r.name(), "arn:aws:events:" + r.name() + ":" + account + ":event-bus/default")))
                .toList();
        for (int from = 0, rule = 1; from < targets.size(); from += MAX_TARGETS_PER_RULE, rule++) {
            Rule.Builder.create(this, rule == 1 ? "ForwardToPeers" : "ForwardToPeers" + rule)
                    .description("Forwards " + t.name() + " alarm state changes raised in " + region + " to the peer regions' detectors"
                            + (targets.size() > MAX_TARGETS_PER_RULE ? " (part " + rule + ")" : ""))
                    .eventPattern(alarmPattern(prefix, region))
                    .targets(targets.subList(from, Math.min(from + MAX_TARGETS_PER_RULE, targets.size())))
                    .build();
            // a run's end is raised in the region it ran in (the target); every detector needs it
            Rule.Builder.create(this, rule == 1 ? "ForwardRunOutcomesToPeers" : "ForwardRunOutcomesToPeers" + rule)
                    .description("Forwards how " + t.name() + " failover runs in " + region + " ended to the peer regions' detectors"
                            + (targets.size() > MAX_TARGETS_PER_RULE ? " (part " + rule + ")" : ""))
                    .eventPattern(runPattern(t, account, region))
                    .targets(targets.subList(from, Math.min(from + MAX_TARGETS_PER_RULE, targets.size())))
                    .build();
        }
    }

    private static EventPattern alarmPattern(String prefix, String onlyRegion) {
        EventPattern.Builder b = EventPattern.builder()
                .source(List.of("aws.cloudwatch"))
                .detailType(List.of("CloudWatch Alarm State Change"))
                .detail(Map.of("alarmName", Match.prefix(prefix)));
        if (onlyRegion != null) {
            b.region(List.of(onlyRegion));
        }
        return b.build();
    }

    private Alarm alarm(String name, String description, IMetric metric, double threshold, ComparisonOperator op,
                        int periods, TreatMissingData missing) {
        return Alarm.Builder.create(this, "Alarm-" + name)
                .alarmName(name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(op)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(missing)
                .build();
    }

    private static Metric albMetric(String name, Props props) {
        return Metric.Builder.create().namespace("AWS/ApplicationELB").metricName(name).statistic("Sum")
                .period(Duration.minutes(1)).dimensionsMap(Map.of("LoadBalancer", props.loadBalancerFullName)).build();
    }

    public ITable table() {
        return table;
    }

    public IFunction function() {
        return function;
    }

    /** Alarms by signal ({@code alb-5xx}, {@code unhealthy-targets}, {@code canary:<peer>}). */
    public Map<String, Alarm> alarms() {
        return Ordered.copyOf(alarms);
    }

    /**
     * @param codeJar             the detector's shaded jar, {@code functions/target/crossfade-functions-*-detector.jar}
     * @param peerHealthUrls      peer region -> its public health URL, probed by a canary from this region
     * @param replicaInstances    region -> RDS instance whose ReplicaLag is read before a failover to it
     * @param nameDisabledRegions whether CROSSFADE_DISABLED_REGIONS lists the topology's disabled regions. The app
     *                            turns it off so that a disabled region leaves no trace; the detector ignores an
     *                            event about a region it does not know just as it ignores one about a disabled
     *                            region (only the log line differs)
     */
    @PropsBuilder
    public record Props(Topology topology, String region, String codeJar, String loadBalancerFullName, String targetGroupFullName,
                        Map<String, String> peerHealthUrls, Map<String, String> replicaInstances,
                        @RecordBuilder.Initializer("DEFAULT_FORWARD_TO_PEERS") boolean forwardToPeers,
                        @RecordBuilder.Initializer("DEFAULT_SCHEDULE_MINUTES") int scheduleMinutes,
                        @RecordBuilder.Initializer("DEFAULT_NAME_DISABLED_REGIONS") boolean nameDisabledRegions) {

        public static final boolean DEFAULT_FORWARD_TO_PEERS = true;
        public static final int DEFAULT_SCHEDULE_MINUTES = 1;
        public static final boolean DEFAULT_NAME_DISABLED_REGIONS = true;

        public Props {
            requireNonNull(topology, "topology");
            requireNonNull(region, "region");
            requireNonNull(codeJar, "codeJar");
            requireNonNull(loadBalancerFullName, "loadBalancerFullName");
            requireNonNull(targetGroupFullName, "targetGroupFullName");
            peerHealthUrls = Ordered.copyOf(peerHealthUrls);
            replicaInstances = Ordered.copyOf(replicaInstances);
            if (topology.enabledRegions().stream().noneMatch(r -> r.name().equals(region))) {
                throw new IllegalArgumentException("Detection.region '" + region + "' is not an enabled region of the topology");
            }
            for (String peer : peerHealthUrls.keySet()) {
                if (peer.equals(region) || topology.enabledRegions().stream().noneMatch(r -> r.name().equals(peer))) {
                    throw new IllegalArgumentException("Detection.peerHealthUrls: '" + peer + "' is not an enabled peer of " + region
                            + " (a detector never watches its own region)");
                }
            }
            if (scheduleMinutes < 1) {
                throw new IllegalArgumentException("Detection.scheduleMinutes must be >= 1, got " + scheduleMinutes);
            }
        }

        public static DetectionPropsBuilder builder() {
            return DetectionPropsBuilder.builder();
        }
    }
}
