package dev.crossfade.infra.workflow;

import dev.crossfade.infra.DetectorJar;
import dev.crossfade.infra.LambdaJvm;
import dev.crossfade.infra.Ordered;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.VetoHolder;
import dev.crossfade.topology.env.RegionTargets;
import dev.crossfade.topology.env.ReplicaPlacementEnv;
import dev.crossfade.topology.env.WorkflowEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The failover workflow in one region: statemachines/failover.asl.json as a state machine
 * {@code <application>-failover}, its Java Lambda steps (each with only the permissions it needs),
 * the state table holding the run lock and the run records, this region's routing-control alarm and
 * the routing-veto alarms this region holds for others (docs/routing.md). Deployed in every enabled
 * region; a run starts in the region being activated. See docs/workflow.md.
 */
public final class FailoverWorkflow extends Construct {

    public static final String DEFINITION_FILE = "statemachines/failover.asl.json";
    /** The ASL's ApprovalWindow: how long AwaitApproval waits for a person, in seconds (failover.approvalTimeoutMinutes). */
    public static final String APPROVAL_TIMEOUT_PLACEHOLDER = "ApprovalTimeoutSeconds";
    /** The alias of each step's current published version, which the state machine invokes. */
    public static final String LIVE_ALIAS = "live";
    /** The metric of a region's routing veto, in {@code Crossfade/Routing}, published in its veto holder region: 1 vetoed, 0 cleared. */
    public static final String VETO_METRIC = "RoutingVeto";

    private final StateMachine stateMachine;
    private final Alarm routingAlarm;
    private final Map<String, Alarm> vetoAlarms;
    private final Table stateTable;
    private final Map<WorkflowFunction, Function> functions = new EnumMap<>(WorkflowFunction.class);
    private final Map<WorkflowFunction, Alias> aliases = new EnumMap<>(WorkflowFunction.class);
    private final Optional<Function> writerGuard;

    public FailoverWorkflow(Construct scope, String id, Props props) {
        super(scope, id);
        String application = props.application();
        stateTable = Table.Builder.create(this, "StateTable")
                .tableName(stateTableName(application))
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .timeToLiveAttribute("expiresAt")
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        String eventBusArn = "arn:aws:events:" + Stack.of(this).getRegion() + ":" + Stack.of(this).getAccount()
                + ":event-bus/" + props.eventBusName();
        WorkflowPermissions permissions = new WorkflowPermissions(Stack.of(this).getAccount(), props, stateTable.getTableArn(), eventBusArn);
        Map<String, String> environment = environment(props);
        Map<String, String> substitutions = new LinkedHashMap<>();
        for (WorkflowFunction step : WorkflowFunction.values()) {
            LogGroup logs = LogGroup.Builder.create(this, step.key() + "Logs").retention(RetentionDays.ONE_YEAR).build();
            // an own role instead of the managed AWSLambdaBasicExecutionRole: write to this log group only
            Role role = Role.Builder.create(this, step.key() + "Role")
                    .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                    .description("Crossfade failover step " + step.key()).build();
            logs.grantWrite(role);
            Function function = Function.Builder.create(this, step.key())
                    .functionName(application + "-failover-" + step.key())
                    .runtime(Runtime.JAVA_21)
                    .architecture(Architecture.ARM_64)
                    .handler(step.handler())
                    .code(props.code().get(step.jar()))
                    .memorySize(1024)
                    // below the ASL's 60 s task timeout, above the 2 x 20 s a fencing call can take
                    .timeout(Duration.seconds(50))
                    .tracing(Tracing.ACTIVE)
                    // the steps write JSON lines with a "level" key (StepLog); the runtime's own lines as JSON too
                    .loggingFormat(LoggingFormat.JSON)
                    .applicationLogLevelV2(ApplicationLogLevel.INFO)
                    .systemLogLevelV2(SystemLogLevel.WARN)
                    .environment(step == WorkflowFunction.REBUILD_REPLICATION ? rebuildEnvironment(environment, props) : environment)
                    .role(role)
                    .logGroup(logs)
                    // SnapStart restores a snapshot of the initialized (and primed: WorkflowPriming) function
                    // instead of a cold start; it applies to published versions, so the machine invokes an alias
                    .snapStart(LambdaJvm.WORKFLOW_SNAPSTART ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
                    .build();
            permissions.of(step).forEach(function::addToRolePolicy);
            functions.put(step, function);
            Alias live = Alias.Builder.create(this, step.key() + "Live").aliasName(LIVE_ALIAS).version(function.getCurrentVersion()).build();
            aliases.put(step, live);
            substitutions.put(step.placeholder(), live.getFunctionArn());
        }
        substitutions.put(APPROVAL_TIMEOUT_PLACEHOLDER, Integer.toString(props.approvalTimeoutMinutes() * 60));
        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(stateMachineName(application))
                .definitionBody(DefinitionBody.fromFile(props.definitionFile().toString()))
                .definitionSubstitutions(substitutions)
                .tracingEnabled(true)
                .logs(LogOptions.builder()
                        .destination(LogGroup.Builder.create(this, "StateMachineLogs").retention(RetentionDays.ONE_YEAR).build())
                        .level(LogLevel.ALL).includeExecutionData(true).build())
                .build();
        // the steps and the run's pre-warm (the ASL's PreWarm state) invoke exactly these aliases
        stateMachine.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("lambda:InvokeFunction"))
                .resources(aliases.values().stream().map(Alias::getFunctionArn).toList()).build());
        List<Function> all = new java.util.ArrayList<>(functions.values());
        writerGuard = "rds-postgres".equals(props.engine()) ? Optional.of(writerGuard(props, permissions, environment)) : Optional.empty();
        writerGuard.ifPresent(all::add);
        WorkflowNag.suppress(this, stateMachine, all, props);
        routingAlarm = routingAlarm(props);
        vetoAlarms = vetoAlarms(props);
        all.forEach(f -> dependOnPolicyOnly(f, f.getRole()));
        dependOnPolicyOnly(stateMachine, stateMachine.getRole());
    }

    /**
     * rds-postgres: this region's writer guard ({@code WriterGuardHandler}, docs/workflow.md "An old
     * primary that comes back"), run every minute by an EventBridge schedule: it fences this region's
     * own database when it is a standalone writer while the recorded writer is another region. Not on
     * the failover's critical path: no SnapStart, no alias.
     */
    private Function writerGuard(Props props, WorkflowPermissions permissions, Map<String, String> environment) {
        String region = Stack.of(this).getRegion();
        LogGroup logs = LogGroup.Builder.create(this, "WriterGuardLogs").retention(RetentionDays.ONE_YEAR).build();
        Role role = Role.Builder.create(this, "WriterGuardRole").assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Crossfade writer guard of " + region).build();
        logs.grantWrite(role);
        Function guard = Function.Builder.create(this, "WriterGuard")
                .functionName(props.application() + "-writer-guard")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler("dev.crossfade.functions.workflow.database.WriterGuardHandler::handleRequest")
                .code(props.code().get(WorkflowJar.DATABASE))
                .memorySize(512)
                .timeout(Duration.seconds(50))
                .tracing(Tracing.ACTIVE)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.WARN)
                .environment(environment)
                .role(role)
                .logGroup(logs)
                .build();
        permissions.guard(region).forEach(guard::addToRolePolicy);
        software.amazon.awscdk.services.events.Rule.Builder.create(this, "WriterGuardSchedule")
                .description("Every minute: fence " + region + "'s database if it came back as a writer while another region is the writer")
                .schedule(software.amazon.awscdk.services.events.Schedule.rate(Duration.minutes(1)))
                .targets(List.of(software.amazon.awscdk.services.events.targets.LambdaFunction.Builder.create(guard).retryAttempts(0).build()))
                .build();
        return guard;
    }

    /** The writer guard (rds-postgres only). */
    public Optional<Function> writerGuard() {
        return writerGuard;
    }

    /** {@code <application>-failover}: the detector starts (and may start) only state machines of this name. */
    public static String stateMachineName(String application) {
        return application + "-failover";
    }

    /** {@code <application>-routing-<region>}: the alarm the global stack's Route 53 health check of the region follows. */
    public static String routingAlarmName(String application, String region) {
        return application + "-routing-" + region;
    }

    /**
     * This region's routing control, for the global stack's Route 53 CLOUDWATCH_METRIC health check
     * (InsufficientDataHealthStatus LastKnownStatus): OK while the metric reads 1, ALARM once it
     * reads 0. Route 53 evaluates the alarm's metric data, not its state, so the metric is kept
     * fresh: the region's detector republishes its desired state every minute (docs/routing.md).
     * A 60 s period over a standard-resolution metric: Route 53 follows no high-resolution alarm.
     * Missing data keeps the alarm's own state (for people looking at it).
     */
    private Alarm routingAlarm(Props props) {
        String region = Stack.of(this).getRegion();
        return Alarm.Builder.create(this, "RoutingControlAlarm")
                .alarmName(routingAlarmName(props.application(), region))
                .alarmDescription("Crossfade routing control of " + region + ": ALARM = traffic switched away by the failover workflow")
                .metric(Metric.Builder.create().namespace(WorkflowPermissions.ROUTING_NAMESPACE).metricName("RoutingControl")
                        .dimensionsMap(new TreeMap<>(Map.of("Application", props.application(), "Region", region)))
                        .statistic("Maximum").period(Duration.minutes(1)).build())
                .threshold(1).comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD).evaluationPeriods(1)
                .treatMissingData(TreatMissingData.IGNORE)
                .build();
    }

    /** The alarm the Route 53 health check of this region's routing control follows. */
    public IAlarm routingAlarm() {
        return routingAlarm;
    }

    /**
     * {@code <application>-veto-<region>}: the alarm in {@code region}'s veto holder region
     * ({@link VetoHolder}) that the global stack's veto health check of {@code region} follows.
     */
    public static String vetoAlarmName(String application, String region) {
        return application + "-veto-" + region;
    }

    /**
     * The routing vetoes this region holds: one alarm per enabled region whose veto holder is this
     * region (docs/routing.md, "The veto on a region that comes back"). ALARM while the region's
     * {@code Crossfade/Routing RoutingVeto}, published here, reads 1 (vetoed); OK at 0 (cleared).
     * Like the routing control: standard resolution, a 60 s period, Maximum; missing data keeps the
     * alarm's own state, and Route 53's check on it keeps its last known status.
     */
    private Map<String, Alarm> vetoAlarms(Props props) {
        String holder = Stack.of(this).getRegion();
        Map<String, Integer> priorities = new LinkedHashMap<>();
        props.targets().forEach(t -> priorities.put(t.region(), t.resources().priority()));
        Map<String, Alarm> vetoes = new LinkedHashMap<>();
        for (String region : new java.util.TreeSet<>(priorities.keySet())) {
            if (!VetoHolder.of(priorities, region).filter(holder::equals).isPresent()) {
                continue;
            }
            vetoes.put(region, Alarm.Builder.create(this, "RoutingVetoAlarm-" + region)
                    .alarmName(vetoAlarmName(props.application(), region))
                    .alarmDescription("Crossfade routing veto of " + region + ", held in " + holder
                            + ": ALARM = " + region + " kept out of DNS (a failover could not fence it)")
                    .metric(Metric.Builder.create().namespace(WorkflowPermissions.ROUTING_NAMESPACE).metricName(VETO_METRIC)
                            .dimensionsMap(new TreeMap<>(Map.of("Application", props.application(), "Region", region)))
                            .statistic("Maximum").period(Duration.minutes(1)).build())
                    .threshold(1).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).evaluationPeriods(1)
                    .treatMissingData(TreatMissingData.IGNORE)
                    .build());
        }
        return Ordered.copyOf(vetoes);
    }

    /** The veto alarms this region holds, by the region they veto. */
    public Map<String, IAlarm> vetoAlarms() {
        return java.util.Collections.unmodifiableMap(vetoAlarms);
    }

    /**
     * CDK makes a resource depend on its role and the role's policy; the role is already a GetAtt
     * reference, so cfn-lint flags the DependsOn as redundant (W3005). Keep only the policy.
     */
    private static void dependOnPolicyOnly(Construct resource, IRole role) {
        CfnResource cfn = (CfnResource) resource.getNode().getDefaultChild();
        IConstruct policy = role.getNode().tryFindChild("DefaultPolicy");
        if (cfn != null && policy != null) {
            CfnElement policyResource = (CfnElement) policy.getNode().getDefaultChild();
            cfn.addOverride("DependsOn", List.of(Stack.of(resource).getLogicalId(policyResource)));
        }
    }

    /** Every workflow function's environment: the JVM's flags and the topology's {@link WorkflowEnv} record. */
    private static Map<String, String> environment(Props props) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_TOOL_OPTIONS", LambdaJvm.WORKFLOW_TOOL_OPTIONS);
        env.putAll(new WorkflowEnv(
                props.application(),
                WorkflowEnv.engine(props.engine()),
                regions(props.targets()),
                props.rpoBudgetSeconds(),
                props.approvalForDataLoss(),
                stateTableName(props.application()),
                props.eventBusName(),
                props.activeActive() ? Topology.Mode.ACTIVE_ACTIVE : Topology.Mode.ACTIVE_PASSIVE,
                Optional.ofNullable(props.globalClusterId()),
                props.acceleratorArn()).toEnv());
        return env;
    }

    /**
     * RebuildReplication's environment: the shared one plus where the rebuilt replica goes
     * ({@link ReplicaPlacementEnv}: {@code CROSSFADE_DB_SUBNET_GROUP}, {@code CROSSFADE_DB_SECURITY_GROUP_IDS}).
     */
    private static Map<String, String> rebuildEnvironment(Map<String, String> shared, Props props) {
        Map<String, String> env = new LinkedHashMap<>(shared);
        props.replicaPlacement().ifPresent(p -> env.putAll(new ReplicaPlacementEnv(p.subnetGroupName(), p.securityGroupIds()).toEnv()));
        return env;
    }

    /** The targets by region, in their order, as the functions read them from {@code CROSSFADE_REGIONS}. */
    private static Map<String, RegionTargets> regions(List<WorkflowTarget> targets) {
        Map<String, RegionTargets> regions = new LinkedHashMap<>();
        for (WorkflowTarget t : targets) {
            regions.put(t.region(), t.resources());
        }
        return regions;
    }

    /** The functions' {@code CROSSFADE_REGIONS}: region -> the field names of their RegionTargets record. */
    static String regionsJson(List<WorkflowTarget> targets) {
        return WorkflowEnv.regionsJson(regions(targets));
    }

    public IStateMachine stateMachine() {
        return stateMachine;
    }

    /**
     * The same name in every region: a run reads its peers' locks by it (RunLock), and each region's
     * detector reads the routing control's desired state from it (RoutingRepublisher).
     */
    public static String stateTableName(String application) {
        return application + "-failover-state";
    }

    public Table stateTable() {
        return stateTable;
    }

    public IFunction function(String key) {
        return functions.entrySet().stream().filter(e -> e.getKey().key().equals(key)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no workflow function " + key));
    }

    /**
     * @param engine            rds-postgres | aurora-postgres-global
     * @param targets           every enabled region's resources, the one this stack is in included
     * @param globalClusterId   aurora-postgres-global only, else null
     * @param code              each workflow jar's deployment package (default: the jars in functions/target
     *                          under the repository root, see {@link DetectorJar#locateWorkflow})
     */
    public record Props(String application, String engine, List<WorkflowTarget> targets, String globalClusterId,
                        Optional<String> acceleratorArn, int rpoBudgetSeconds, boolean approvalForDataLoss,
                        int approvalTimeoutMinutes, String eventBusName, Path definitionFile, Map<WorkflowJar, Code> code,
                        Optional<ReplicaPlacement> replicaPlacement, boolean activeActive) {

        /**
         * Where a replica that the failback rebuilds in this stack's region goes: the subnet group
         * (a fixed name) and the security groups of the stack's own database, so the rebuilt replica
         * lands in the stack's VPC exactly like the one CloudFormation created (rds-postgres only).
         */
        public record ReplicaPlacement(String subnetGroupName, List<String> securityGroupIds) {
            public ReplicaPlacement {
                Objects.requireNonNull(subnetGroupName, "subnetGroupName");
                securityGroupIds = List.copyOf(securityGroupIds);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String application;
            private String engine;
            private List<WorkflowTarget> targets = List.of();
            private String globalClusterId;
            private String acceleratorArn;
            private int rpoBudgetSeconds = 5;
            private boolean approvalForDataLoss;
            private int approvalTimeoutMinutes = 60;
            private String eventBusName = "default";
            private boolean activeActive;
            private ReplicaPlacement replicaPlacement;
            private Path repoRoot = Path.of(System.getProperty("crossfade.repoRoot", "."));
            private final Map<WorkflowJar, Code> code = new EnumMap<>(WorkflowJar.class);

            public Builder application(String v) { application = v; return this; }
            public Builder engine(String v) { engine = v; return this; }
            public Builder targets(List<WorkflowTarget> v) { targets = List.copyOf(v); return this; }
            public Builder globalClusterId(String v) { globalClusterId = v; return this; }
            public Builder acceleratorArn(String v) { acceleratorArn = v; return this; }
            public Builder rpoBudgetSeconds(int v) { rpoBudgetSeconds = v; return this; }
            public Builder approvalForDataLoss(boolean v) { approvalForDataLoss = v; return this; }
            public Builder approvalTimeoutMinutes(int v) { approvalTimeoutMinutes = v; return this; }
            public Builder eventBusName(String v) { eventBusName = v; return this; }
            /** The topology's mode: active-passive (default) moves all traffic to the new writer's region. */
            public Builder activeActive(boolean v) { activeActive = v; return this; }
            /** rds-postgres: the subnet group and security groups a rebuilt replica gets in this region. */
            public Builder replicaPlacement(String subnetGroupName, List<String> securityGroupIds) {
                replicaPlacement = new ReplicaPlacement(subnetGroupName, securityGroupIds);
                return this;
            }
            /** The repository root: the ASL file and (unless given) the workflow jars are found under it. */
            public Builder repoRoot(Path v) { repoRoot = v; return this; }
            /** One package for every step (tests use a small asset instead of the jars); null: the jars. */
            public Builder code(Code v) {
                code.clear();
                if (v != null) {
                    for (WorkflowJar jar : WorkflowJar.values()) {
                        code.put(jar, v);
                    }
                }
                return this;
            }
            /** The workflow jars, e.g. from {@link DetectorJar#locateWorkflow(java.util.function.Function)}. */
            public Builder jars(Map<WorkflowJar, Path> v) {
                code.clear();
                v.forEach((jar, file) -> code.put(jar, Code.fromAsset(file.toString())));
                return this;
            }

            public Props build() {
                Objects.requireNonNull(application, "application");
                if (!List.of("rds-postgres", "aurora-postgres-global").contains(engine)) {
                    throw new IllegalArgumentException("FailoverWorkflow engine '" + engine + "' is not rds-postgres or aurora-postgres-global");
                }
                if (approvalTimeoutMinutes < 1) {
                    throw new IllegalArgumentException("FailoverWorkflow approvalTimeoutMinutes must be 1 or more, got " + approvalTimeoutMinutes);
                }
                if (targets.size() < 2) {
                    throw new IllegalArgumentException("FailoverWorkflow needs at least two enabled regions' targets, got " + targets.size());
                }
                if (engine.equals("aurora-postgres-global") && (globalClusterId == null || globalClusterId.isBlank())) {
                    throw new IllegalArgumentException("FailoverWorkflow with aurora-postgres-global needs globalClusterId");
                }
                Path definition = repoRoot.resolve(DEFINITION_FILE);
                if (!Files.isRegularFile(definition)) {
                    throw new IllegalArgumentException("state machine definition not found: " + definition);
                }
                Map<WorkflowJar, Code> packaged = new EnumMap<>(code);
                for (WorkflowJar jar : WorkflowJar.values()) {
                    packaged.computeIfAbsent(jar, j -> Code.fromAsset(DetectorJar.locateWorkflow(j, Optional.empty(), repoRoot).toString()));
                }
                return new Props(application, engine, targets, globalClusterId, Optional.ofNullable(acceleratorArn),
                        rpoBudgetSeconds, approvalForDataLoss, approvalTimeoutMinutes, eventBusName, definition, Ordered.copyOf(packaged),
                        Optional.ofNullable(replicaPlacement), activeActive);
            }
        }
    }
}
