package dev.crossfade.local;

import dev.crossfade.emulator.BridgedFunctions;
import dev.crossfade.emulator.LambdaBridge;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.emulator.Poll;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.WarmUp;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.capacity.ScaleTargetHandler;
import dev.crossfade.functions.workflow.database.CheckPreflightHandler;
import dev.crossfade.functions.workflow.database.CheckPromotionHandler;
import dev.crossfade.functions.workflow.database.CheckReplicationHandler;
import dev.crossfade.functions.workflow.database.FenceOldPrimaryHandler;
import dev.crossfade.functions.workflow.database.PlanRunHandler;
import dev.crossfade.functions.workflow.database.PromoteDatabaseHandler;
import dev.crossfade.functions.workflow.database.RebuildReplicasHandler;
import dev.crossfade.functions.workflow.database.RebuildReplicationHandler;
import dev.crossfade.functions.workflow.database.UnfenceOldPrimaryHandler;
import dev.crossfade.functions.workflow.run.AcquireLockHandler;
import dev.crossfade.functions.workflow.run.RecordRunHandler;
import dev.crossfade.functions.workflow.run.ReleaseLockHandler;
import dev.crossfade.functions.workflow.run.RequestApprovalHandler;
import dev.crossfade.functions.workflow.traffic.PinTrafficHandler;
import dev.crossfade.functions.workflow.traffic.ShiftTrafficHandler;
import dev.crossfade.functions.workflow.traffic.VerifyTargetHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Runs {@code statemachines/failover.asl.json} for real in moto's Step Functions interpreter, its
 * Lambda tasks reaching the project's Java handlers through the emulator's Lambda bridge.
 */
public final class WorkflowHarness implements AutoCloseable {

    private final LambdaBridge bridge = LambdaBridge.start();
    private final String account;
    private final MotoServer moto;

    /** A harness in the emulator's default account ({@link ResourceNames#ACCOUNT}). */
    public WorkflowHarness() {
        this(ResourceNames.ACCOUNT, Map.of());
    }

    /** @param environment more variables for moto, e.g. the database bridge's (dev.crossfade.local.lab.Lab) */
    public WorkflowHarness(Map<String, String> environment) {
        this(ResourceNames.ACCOUNT, environment);
    }

    /** A harness in {@code account}; see {@link #WorkflowHarness(String, Map)}. */
    public WorkflowHarness(String account) {
        this(account, Map.of());
    }

    /**
     * A harness whose moto serves every request in {@code account} (moto's {@code MOTO_ACCOUNT_ID}),
     * so that the ARNs built from a topology's {@code account} name what moto created.
     *
     * @param environment more variables for moto, e.g. the database bridge's (dev.crossfade.local.lab.Lab)
     */
    public WorkflowHarness(String account, Map<String, String> environment) {
        this(account, environment, java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Like {@link #WorkflowHarness(String, Map)}, moto's files (launcher, log) in a folder under {@code scratch}. */
    public WorkflowHarness(String account, Map<String, String> environment, java.nio.file.Path scratch) {
        if (!account.matches("\\d{12}")) {
            bridge.close();
            throw new IllegalArgumentException("account must be 12 digits, found '" + account + "'");
        }
        this.account = account;
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(bridge.motoEnvironment());
        env.put("MOTO_ACCOUNT_ID", account);
        try {
            moto = MotoServer.start(env, scratch);
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
    }

    /** The account moto runs every request in. */
    public String account() {
        return account;
    }

    private volatile Duration approvalTimeout;
    private volatile boolean oneSecondRetries;

    /** The Lambda bridge the workflow's tasks reach the handlers through (e.g. its handler timings). */
    public LambdaBridge bridge() {
        return bridge;
    }

    public MotoServer moto() {
        return moto;
    }

    /**
     * How long workflows deployed from now on wait for an approval, instead of the topology's
     * {@code failover.approvalTimeoutMinutes} (a test of the timeout need not wait a minute).
     */
    public void approvalTimeout(Duration timeout) {
        approvalTimeout = timeout;
    }

    /**
     * Workflows deployed from now on retry every error after 1 s, without backoff: each Retry's
     * {@code IntervalSeconds} becomes 1 and its {@code BackoffRate} 1.0; which errors are retried,
     * and how often ({@code MaxAttempts}), stay as written. For tests that prove what is retried, not
     * when: a test of a region that stays unreachable otherwise waits 2 + 4 + 8 + 16 s per step. The
     * drill never calls this (its run times are reported as measured).
     */
    public void oneSecondRetries() {
        oneSecondRetries = true;
    }

    /**
     * {@code definition} with every Retry at 1 s intervals without backoff. In ASL only a retrier
     * has {@code IntervalSeconds} and {@code BackoffRate}, so the fields are rewritten where they
     * stand (WorkflowHarnessTest checks every retrier, in every branch).
     */
    static String withOneSecondRetries(String definition) {
        return definition.replaceAll("\"IntervalSeconds\"\\s*:\\s*\\d+", "\"IntervalSeconds\": 1")
                .replaceAll("\"BackoffRate\"\\s*:\\s*[0-9.]+", "\"BackoffRate\": 1.0");
    }

    /** The handlers by function key (the placeholder is {@code <key>FunctionArn}). */
    public static Map<String, Function<String, String>> handlers(AwsClients clients, WorkflowConfig config) {
        Map<String, Function<String, String>> handlers = new LinkedHashMap<>();
        handlers.put("AcquireLock", new AcquireLockHandler(clients, config));
        handlers.put("RebuildReplication", new RebuildReplicationHandler(clients, config));
        handlers.put("CheckReplication", new CheckReplicationHandler(clients, config));
        handlers.put("CheckPreflight", new CheckPreflightHandler(clients, config));
        handlers.put("RequestApproval", new RequestApprovalHandler(clients, config));
        handlers.put("ScaleTarget", new ScaleTargetHandler(clients, config));
        handlers.put("FenceOldPrimary", new FenceOldPrimaryHandler(clients, config));
        handlers.put("UnfenceOldPrimary", new UnfenceOldPrimaryHandler(clients, config));
        handlers.put("PromoteDatabase", new PromoteDatabaseHandler(clients, config));
        handlers.put("CheckPromotion", new CheckPromotionHandler(clients, config));
        handlers.put("ShiftTraffic", new ShiftTrafficHandler(clients, config));
        handlers.put("PinTraffic", new PinTrafficHandler(clients, config));
        handlers.put("VerifyTarget", new VerifyTargetHandler(clients, config));
        handlers.put("RebuildReplicas", new RebuildReplicasHandler(clients, config));
        // the run's EMF lines: CloudWatch Logs would extract them; the lab has no log service, so they go to a debug logger, not the console
        handlers.put("RecordRun", new RecordRunHandler(clients, config,
                line -> System.getLogger("crossfade.run.metrics").log(System.Logger.Level.DEBUG, line)));
        handlers.put("ReleaseLock", new ReleaseLockHandler(clients, config));
        handlers.put("PlanRun", new PlanRunHandler(clients, config));
        return handlers;
    }

    /**
     * Registers the handlers, creates their functions and the state machine in {@code region},
     * and returns the state machine's ARN. The application must have been deployed in this harness's moto.
     */
    public String deployWorkflow(EmulatedApplication app, String region, Map<String, Function<String, String>> handlers) {
        return deployWorkflow(app, region, handlers, UnaryOperator.identity());
    }

    /**
     * Like {@link #deployWorkflow(EmulatedApplication, String, Map)}, the definition passed
     * through {@code edit} after substitution: e.g. a test shortening a retry budget of minutes.
     */
    public String deployWorkflow(EmulatedApplication app, String region, Map<String, Function<String, String>> handlers,
                                 UnaryOperator<String> edit) {
        moto.enableStepFunctionsExecution();
        BridgedFunctions functions = new BridgedFunctions(moto);
        Map<String, String> substitutions = new LinkedHashMap<>();
        handlers.forEach((key, handler) -> {
            String name = app.names().application() + "-" + key;
            bridge.register(name, handler);
            substitutions.put(key + "FunctionArn", functions.create(region, name, 60));
        });
        substitutions.put("ApprovalTimeoutSeconds", Long.toString(approvalTimeout != null ? approvalTimeout.toSeconds()
                : app.topology().failover().approvalTimeoutMinutes() * 60L));
        String substituted = StateMachineFile.load("failover.asl.json").substitute(substitutions);
        String definition = edit.apply(oneSecondRetries ? withOneSecondRetries(substituted) : substituted);
        String machine = app.names().stateMachine();
        return sfn(region).createStateMachine(r -> r.name(machine).definition(definition)
                .roleArn("arn:aws:iam::" + account + ":role/" + machine)).stateMachineArn();
    }

    public String start(String region, String stateMachineArn, String executionName, String input) {
        return sfn(region).startExecution(r -> r.stateMachineArn(stateMachineArn).name(executionName).input(input)).executionArn();
    }

    /** Starts an execution and waits for it to end: {@link #start} then {@link #awaitEnd}. */
    public DescribeExecutionResponse run(String region, String stateMachineArn, String executionName, String input) {
        return awaitEnd(region, start(region, stateMachineArn, executionName, input));
    }

    public DescribeExecutionResponse awaitEnd(String region, String executionArn) {
        return Poll.until(Duration.ofSeconds(90), () -> describe(region, executionArn), d -> d.status() != ExecutionStatus.RUNNING);
    }

    public DescribeExecutionResponse describe(String region, String executionArn) {
        return sfn(region).describeExecution(r -> r.executionArn(executionArn));
    }

    public List<HistoryEvent> history(String region, String executionArn) {
        return sfn(region).getExecutionHistory(r -> r.executionArn(executionArn).maxResults(1000)).events();
    }

    /** Names of the states the execution entered, in order. */
    public List<String> statesEntered(String region, String executionArn) {
        return history(region, executionArn).stream().filter(e -> e.stateEnteredEventDetails() != null)
                .map(e -> e.stateEnteredEventDetails().name()).toList();
    }

    private final Map<String, SfnClient> sfnClients = new java.util.concurrent.ConcurrentHashMap<>();

    public SfnClient sfn(String region) {
        return sfnClients.computeIfAbsent(region, r -> SfnClient.builder().region(software.amazon.awssdk.regions.Region.of(r))
                .endpointOverride(moto.endpoint())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build());
    }

    /**
     * Wraps one handler, e.g. to capture what the state machine passed it. The run's pre-warm event
     * ({@link WarmUp}) bypasses the wrapper and reaches the handler itself: a wrapper sees the
     * step's own invocations only, as a test that fails "the first call" means.
     */
    public static void wrap(Map<String, Function<String, String>> handlers, String key, UnaryOperator<Function<String, String>> wrapper) {
        Function<String, String> real = handlers.get(key);
        Function<String, String> wrapped = wrapper.apply(real);
        handlers.put(key, input -> WarmUp.is(input) ? real.apply(input) : wrapped.apply(input));
    }

    @Override
    public void close() {
        sfnClients.values().forEach(SfnClient::close);
        moto.close();
        bridge.close();
    }
}
