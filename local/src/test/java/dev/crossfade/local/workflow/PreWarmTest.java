package dev.crossfade.local.workflow;

import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import dev.crossfade.functions.aws.AwsService;
import dev.crossfade.functions.json.JsonValue;
import dev.crossfade.functions.workflow.Json;
import dev.crossfade.functions.workflow.JsonStreamHandler;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.WarmUp;
import dev.crossfade.functions.workflow.WorkflowPriming;
import dev.crossfade.functions.workflow.capacity.CapacityServices;
import dev.crossfade.functions.workflow.database.DatabaseServices;
import dev.crossfade.functions.workflow.run.AcquireLockHandler;
import dev.crossfade.functions.workflow.run.RunServices;
import dev.crossfade.functions.workflow.traffic.TrafficServices;
import dev.crossfade.local.CallRecorder;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.testutils.AslRetryIntervals;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.Seed;
import dev.crossfade.local.testutils.WorkflowLab;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** The run's pre-warm against moto: each step answers the warm-up event at once, and it changes nothing. */
@AslRetryIntervals
class PreWarmTest extends WorkflowLab {

    @Test
    void warmUpEvent_everyStep_shouldBuildItsClientsAndMakeNoAwsCall() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        CallRecorder calls = new CallRecorder();
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(Set.of(), List.of(calls)), app.config());
        Map<String, Object> before = app.snapshot();

        for (Map.Entry<String, Function<String, String>> step : handlers.entrySet()) {
            JsonValue answer = Json.tree(step.getValue().apply(WarmUp.EVENT));

            assertTrue(answer.path("warmedUp").asBoolean(), step.getKey() + ": " + answer);
            Set<String> clients = new TreeSet<>();
            answer.path("clients").elements().forEach(c -> clients.add(c.asText()));
            // exactly its jar's services, in every region: what the deployed jar carries, no more
            assertEquals(jarClients(step.getValue(), app), clients, step.getKey());
        }

        assertEquals(List.of(), calls.calls(), "a warm-up event calls no AWS API");
        assertEquals(before, app.snapshot(), "a warm-up event changes nothing");
    }

    @Test
    void warmUpEvent_throughTheLambdaEntryPoint_shouldBeAnsweredWithoutAnAwsCall() throws Exception {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        CallRecorder calls = new CallRecorder();
        AcquireLockHandler lock = new AcquireLockHandler(app.clients(Set.of(), List.of(calls)), app.config());
        Map<String, Object> before = app.snapshot();

        String out = invoke(lock, WarmUp.EVENT);

        assertTrue(Json.tree(out).path("warmedUp").asBoolean(), out);
        assertEquals(List.of(), calls.calls());
        assertEquals(before, app.snapshot(), "no lock taken");
    }

    @Test
    void snapStartPriming_shouldPrimeAsTheWarmUpDoes_withoutAnAwsCall() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        CallRecorder calls = new CallRecorder();
        Map<String, Object> before = app.snapshot();

        WarmUp.Answer primed = WorkflowPriming.register(app.clients(Set.of(), List.of(calls)), app.config(), DatabaseServices.JAR).warmUp();

        assertTrue(primed.clients().containsAll(Set.of("rds@" + PRIMARY, "rds@" + STANDBY, "dynamodb@" + STANDBY)), primed.toString());
        assertEquals(List.of(), calls.calls(), "the hook runs before Lambda's snapshot: no AWS call");
        assertEquals(before, app.snapshot());
    }

    @Test
    void aStepInputThatOnlyMentionsTheWarmUpField_shouldBeHandledAsTheStep() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        CallRecorder calls = new CallRecorder();
        AcquireLockHandler lock = new AcquireLockHandler(app.clients(Set.of(), List.of(calls)), app.config());
        String input = Json.write(new StepInput("failover", PRIMARY, STANDBY, "crossfadeWarmUp: true (an operator's words)", "inc-warm",
                "arn:aws:states:eu-west-1:123456789012:execution:shop-prod-failover:inc-warm", null));

        String out = lock.apply(input);

        assertFalse(Json.tree(out).has("warmedUp"), out);
        assertFalse(calls.calls().isEmpty(), "the step ran: it took the lock");
    }

    @Test
    void failoverRun_shouldPreWarmEveryRunStepFirst_andStillSucceed() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(), app.config());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        observeEveryInvocation(handlers, (key, input) -> seen.add((WarmUp.is(input) ? "warm-up " : "run ") + key));
        String machine = harness.deployWorkflow(app, STANDBY, handlers);

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-1", Inputs.json("failover-us-east-1-to-eu-west-1.json"));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run + " " + harness.statesEntered(STANDBY, run.executionArn()));
        List<String> order = List.copyOf(seen);
        int firstRun = order.indexOf("run AcquireLock");
        Set<String> warmed = new TreeSet<>();
        order.subList(0, firstRun).forEach(s -> warmed.add(s.replaceFirst("^warm-up ", "")));
        Set<String> expected = new TreeSet<>(handlers.keySet());
        expected.remove("PlanRun"); // only a dry run reaches it, and a dry run does not pre-warm
        assertEquals(expected, warmed, "every step a run can reach is warmed before the lock: " + order);
        assertEquals(expected.size(), order.stream().filter(s -> s.startsWith("warm-up ")).count(), "each once: " + order);
    }

    @Test
    void dryRun_shouldNotPreWarm() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(), app.config());
        List<String> warmUps = Collections.synchronizedList(new ArrayList<>());
        observeEveryInvocation(handlers, (key, input) -> {
            if (WarmUp.is(input)) {
                warmUps.add(key);
            }
        });
        String machine = harness.deployWorkflow(app, STANDBY, handlers);

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "dry-1", Inputs.of("dry-run", PRIMARY, STANDBY, "dry-1"));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals(List.of(), warmUps);
    }

    /**
     * Shows {@code observer} each handler's key and input before the handler runs: every invocation,
     * the pre-warm's too (which {@link WorkflowHarness#wrap} lets through unseen).
     */
    private static void observeEveryInvocation(Map<String, Function<String, String>> handlers, BiConsumer<String, String> observer) {
        for (String key : List.copyOf(handlers.keySet())) {
            Function<String, String> real = handlers.get(key);
            handlers.put(key, input -> {
                observer.accept(key, input);
                return real.apply(input);
            });
        }
    }

    private static String invoke(JsonStreamHandler step, String input) throws Exception {
        Context context = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> "req-warm";
                    case "getFunctionName" -> "shop-prod-failover-AcquireLock";
                    default -> null;
                });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        step.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, context);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The clients a step's warm-up must build: its jar's services in every region (Global Accelerator's only with an accelerator). */
    private static Set<String> jarClients(Function<String, String> handler, EmulatedApplication app) {
        String pkg = handler.getClass().getPackageName();
        List<AwsService<?>> services = Map.of("database", DatabaseServices.JAR, "traffic", TrafficServices.JAR,
                "capacity", CapacityServices.JAR, "run", RunServices.JAR).get(pkg.substring(pkg.lastIndexOf('.') + 1));
        Set<String> expected = new TreeSet<>();
        for (AwsService<?> service : services) {
            if (service.homeRegion().isPresent()) {
                app.config().acceleratorArn().ifPresent(a -> expected.add(service.name() + "@" + service.homeRegion().get()));
            } else {
                app.config().regions().keySet().forEach(r -> expected.add(service.name() + "@" + r));
            }
        }
        return expected;
    }
}
