package dev.crossfade.infra.constructs;

import static java.util.Objects.requireNonNull;

import dev.crossfade.infra.PropsBuilder;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What people hear, per region: an SNS topic {@code <application>-notifications} (encrypted with
 * its own KMS key, TLS-only) fed by EventBridge rules whose input transformers turn each event into
 * one readable sentence. Every message of an incident names its incident id. The topology's
 * {@code notifications.emails} subscribe to the topic; its {@code notifications.topicArns} of this
 * region are further targets of the same rules. See docs/operations.md, "Notifications".
 */
public final class Notifications extends Construct {

    /** EventBridge allows five targets per rule: this region's topic and at most four existing ones. */
    public static final int MAX_EXISTING_TOPICS = 4;

    private final Topic topic;
    private final Alarm detectorErrors;
    private final List<Rule> rules = new ArrayList<>();

    public Notifications(Construct scope, String id, Props props) {
        super(scope, id);
        String region = Stack.of(this).getRegion();
        String app = props.application();
        Key key = Key.Builder.create(this, "Key")
                .alias("alias/" + app + "-notifications")
                .description("Crossfade notifications of " + app + " (SNS topic encryption)")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // EventBridge publishes to an encrypted topic only if the key lets it (SNS docs, "Enable compatibility
        // between event sources from AWS services and encrypted topics")
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        topic = Topic.Builder.create(this, "Topic")
                .topicName(topicName(app))
                .displayName("Crossfade " + app)
                .masterKey(key)
                .enforceSsl(true)
                .build();
        props.emails().forEach(email -> topic.addSubscription(new EmailSubscription(email)));
        List<ITopic> existing = new ArrayList<>();
        for (int i = 0; i < props.topicArns().size(); i++) {
            existing.add(Topic.fromTopicArn(this, "Existing" + i, props.topicArns().get(i)));
        }
        IEventBus workflowBus = "default".equals(props.eventBusName()) ? null
                : EventBus.fromEventBusName(this, "WorkflowBus", props.eventBusName());

        rule("Decisions", "Crossfade detector decisions other than NONE", null, EventPattern.builder()
                .source(List.of("crossfade.detector")).detailType(List.of("Failover Decision"))
                .detail(Map.of("action", List.of(Map.of("anything-but", List.of("NONE"))))).build(),
                "Crossfade " + app + " (" + region + "): decision " + field("$.detail.action") + " "
                        + field("$.detail.from") + " -> " + field("$.detail.to") + ", incident "
                        + field("$.detail.incidentId") + ". Reason: " + field("$.detail.reason")
                        + ". Execution: " + field("$.detail.executionName") + ".", existing);

        String run = field("$.detail.request.executionId");
        rule("ApprovalNeeded", "A Crossfade run waits for a person to approve a data loss", workflowBus, EventPattern.builder()
                .source(List.of("dev.crossfade.failover")).detailType(List.of("Crossfade Failover Approval Needed")).build(),
                "Crossfade " + app + " (" + region + "): a failover waits for a person, incident "
                        + field("$.detail.request.incidentId") + ". " + field("$.detail.request.from") + " -> "
                        + field("$.detail.request.to") + ": replica lag " + field("$.detail.request.lagSeconds")
                        + " s is over the RPO budget of " + field("$.detail.request.rpoBudgetSeconds")
                        + " s, so promoting loses that much. Approve: ./crossfade approve --topology " + props.topologyFile()
                        + " --run " + run + " --reason WHY . Refuse: ./crossfade reject --topology " + props.topologyFile()
                        + " --run " + run + " --reason WHY . Nobody answering within " + props.approvalTimeoutMinutes()
                        + " minutes refuses it.", existing);

        rule("RunFinished", "Every Crossfade run's end, with its result", workflowBus, EventPattern.builder()
                .source(List.of("dev.crossfade.failover")).detailType(List.of("Crossfade Failover Run Finished")).build(),
                "Crossfade " + app + " (" + region + "): run " + field("$.detail.executionId") + " ended "
                        + field("$.detail.status") + ", incident " + field("$.detail.incidentId") + " ("
                        + field("$.detail.mode") + " " + field("$.detail.from") + " -> " + field("$.detail.to")
                        + "). Error: " + field("$.detail.error") + " " + field("$.detail.cause")
                        + ". Phases (ms): " + field("$.detail.phases") + ". Approval: " + field("$.detail.approval")
                        + ". Fencing gaps: " + field("$.detail.fencingGaps") + ". Report: ./crossfade report --topology "
                        + props.topologyFile() + " --execution " + field("$.detail.executionId"), existing);

        detectorErrors = Alarm.Builder.create(this, "DetectorErrorsAlarm")
                .alarmName(app + "-" + region + "-detector-errors")
                .alarmDescription("Crossfade: the failure detector of " + app + " in " + region + " failed (Lambda Errors)")
                .metric(props.detector().metricErrors(MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build()))
                .threshold(1).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        rule("DetectorErrors", "The Crossfade detector reports errors", null, alarmInAlarm(detectorErrors),
                "Crossfade " + app + " (" + region + "): the failure detector " + props.detector().getFunctionName()
                        + " is failing (alarm " + field("$.detail.alarmName") + ": " + field("$.detail.state.reason")
                        + "). While it fails, this region decides nothing. Its logs: /aws/lambda/"
                        + props.detector().getFunctionName(), existing);

        rule("TakenOutOfTraffic", "A Crossfade region's routing control turned off", null, alarmInAlarm(props.routingAlarm()),
                "Crossfade " + app + ": " + region + " was taken out of traffic at " + field("$.time")
                        + " (routing control alarm " + field("$.detail.alarmName")
                        + " in ALARM): its Route 53 health check answers unhealthy, so DNS no longer sends users here.", existing);
    }

    /** {@code <application>-notifications}, the same in every region. */
    public static String topicName(String application) {
        return application + "-notifications";
    }

    private void rule(String id, String description, IEventBus bus, EventPattern pattern, String message, List<ITopic> existing) {
        RuleTargetInput input = RuleTargetInput.fromText(message);
        List<IRuleTarget> targets = new ArrayList<>();
        targets.add(new SnsTopic(topic, software.amazon.awscdk.services.events.targets.SnsTopicProps.builder().message(input).build()));
        existing.forEach(t -> targets.add(new SnsTopic(t,
                software.amazon.awscdk.services.events.targets.SnsTopicProps.builder().message(input).build())));
        Rule.Builder rule = Rule.Builder.create(this, id).description(description).eventPattern(pattern).targets(targets);
        if (bus != null) {
            rule.eventBus(bus);
        }
        rules.add(rule.build());
    }

    private static EventPattern alarmInAlarm(IAlarm alarm) {
        return EventPattern.builder().source(List.of("aws.cloudwatch")).detailType(List.of("CloudWatch Alarm State Change"))
                .resources(List.of(alarm.getAlarmArn()))
                .detail(Map.of("state", Map.of("value", List.of("ALARM")))).build();
    }

    private static String field(String path) {
        return EventField.fromPath(path);
    }

    public ITopic topic() {
        return topic;
    }

    public IAlarm detectorErrors() {
        return detectorErrors;
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /**
     * @param topicArns    existing SNS topics of this stack's region (at most {@link #MAX_EXISTING_TOPICS})
     * @param topologyFile how the messages' commands name the topology file
     * @param detector     this region's detector function (its Errors metric is watched)
     * @param routingAlarm this region's routing-control alarm (ALARM = taken out of traffic)
     */
    @PropsBuilder
    public record Props(String application, List<String> emails, List<String> topicArns,
                        @RecordBuilder.Initializer("DEFAULT_TOPOLOGY_FILE") String topologyFile,
                        @RecordBuilder.Initializer("DEFAULT_APPROVAL_TIMEOUT_MINUTES") int approvalTimeoutMinutes,
                        @RecordBuilder.Initializer("DEFAULT_EVENT_BUS_NAME") String eventBusName,
                        IFunction detector, IAlarm routingAlarm) {

        public static final String DEFAULT_TOPOLOGY_FILE = "TOPOLOGY_FILE";
        public static final int DEFAULT_APPROVAL_TIMEOUT_MINUTES = 60;
        public static final String DEFAULT_EVENT_BUS_NAME = "default";

        public Props {
            requireNonNull(application, "application");
            requireNonNull(detector, "detector");
            requireNonNull(routingAlarm, "routingAlarm");
            emails = List.copyOf(emails);
            topicArns = List.copyOf(topicArns);
            if (topicArns.size() > MAX_EXISTING_TOPICS) {
                throw new IllegalArgumentException("Notifications take at most " + MAX_EXISTING_TOPICS
                        + " existing topics per region (EventBridge allows 5 targets per rule), got " + topicArns);
            }
            if (topologyFile == null || topologyFile.isBlank() || topologyFile.contains("<") || topologyFile.contains(">")) {
                throw new IllegalArgumentException("Notifications topologyFile must be a path without '<' or '>' "
                        + "(EventBridge reads them as placeholders), got '" + topologyFile + "'");
            }
        }

        public static NotificationsPropsBuilder builder() {
            return NotificationsPropsBuilder.builder();
        }
    }
}
