package dev.crossfade.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.Poll;
import dev.crossfade.emulator.testutils.PromotionFailedException;
import dev.crossfade.emulator.testutils.Sdk;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

class LambdaBridgeTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/crossfade-workflow";
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    private static LambdaBridge bridge;
    private static MotoServer moto;
    private static SfnClient sfn;
    private static String doubleArn;
    private static final java.util.concurrent.atomic.AtomicReference<String> ASKED = new java.util.concurrent.atomic.AtomicReference<>();
    private static final java.util.concurrent.atomic.AtomicLong TIMED_THREAD = new java.util.concurrent.atomic.AtomicLong(-1);

    @BeforeAll
    static void startMotoWithBridge() {
        bridge = LambdaBridge.start()
                .register("double-it", payload -> "{\"value\":" + 2 * Integer.parseInt(payload.replaceAll("\\D", "")) + "}")
                .register("promote", payload -> {
                    throw new PromotionFailedException("replica db-2 is not available");
                })
                .register("us-east-1", "where", payload -> "\"east\"")
                .register("us-west-2", "where", payload -> "\"west\"")
                .register("ask", payload -> {
                    ASKED.set(payload);
                    return "{}";
                })
                .register("slow", payload -> {
                    await(NEVER, 5);
                    return "{}";
                })
                .register("us-west-2", "timed", payload -> {
                    TIMED_THREAD.set(Thread.currentThread().threadId());
                    awaitMillis(NEVER, 150);
                    return "{}";
                });
        moto = MotoServer.start(bridge.motoEnvironment());
        moto.enableStepFunctionsExecution();
        BridgedFunctions functions = new BridgedFunctions(moto);
        doubleArn = functions.create("us-east-1", "double-it", 30);
        functions.create("us-east-1", "promote", 30);
        functions.create("us-east-1", "slow", 1);
        functions.create("us-east-1", "ask", 30);
        functions.create("us-east-1", "unregistered", 30);
        functions.create("us-east-1", "where", 30);
        functions.create("us-west-2", "where", 30);
        functions.create("us-west-2", "timed", 30);
        sfn = Sdk.sfn(moto);
    }

    @AfterAll
    static void stop() {
        sfn.close();
        moto.close();
        bridge.close();
    }

    @Test
    void sendTaskFailure_shouldHandTheCauseToTheWaitingStatesCatch() {
        String definition = """
                {"StartAt":"Ask","States":{
                  "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                    "Parameters":{"FunctionName":"ask","Payload":{"token.$":"$$.Task.Token"}},
                    "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Caught"}],"End":true},
                  "Caught":{"Type":"Pass","End":true}}}
                """;
        String machine = sfn.createStateMachine(b -> b.name("ask-" + System.nanoTime()).definition(definition)
                .roleArn("arn:aws:iam::123456789012:role/crossfade-workflow")).stateMachineArn();
        ASKED.set(null);
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("ask").input("{}")).executionArn();
        String payload = Poll.until(Duration.ofSeconds(30), ASKED::get, p -> p != null);
        String token = payload.replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        sfn.sendTaskFailure(b -> b.taskToken(token).error("ApprovalRefused").cause("refused by bob: too much data"));
        DescribeExecutionResponse done = Poll.until(Duration.ofSeconds(30),
                () -> sfn.describeExecution(b -> b.executionArn(execution)), d -> d.status() != ExecutionStatus.RUNNING);

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done::toString);
        assertTrue(done.output().replace(" ", "").contains("\"Cause\":\"refusedbybob:toomuchdata\""), done.output());
    }

    @Test
    void lambdaTasks_shouldRunJavaHandlersAndCatchTheExceptionByItsClassName() {
        String definition = """
                {"StartAt":"Double","States":{
                  "Double":{"Type":"Task","Resource":"%s","ResultPath":"$.doubled","Next":"Promote"},
                  "Promote":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                    "Parameters":{"FunctionName":"promote","Payload.$":"$"},
                    "Catch":[{"ErrorEquals":["%s"],"ResultPath":"$.error","Next":"Compensated"}],
                    "End":true},
                  "Compensated":{"Type":"Pass","End":true}}}
                """.formatted(doubleArn, PromotionFailedException.class.getName());
        String machine = sfn.createStateMachine(b -> b.name("bridge-catch").roleArn(ROLE).definition(definition)).stateMachineArn();

        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("run-1").input("{\"value\":21}")).executionArn();
        DescribeExecutionResponse done = Poll.until(Duration.ofSeconds(30),
                () -> sfn.describeExecution(b -> b.executionArn(execution)),
                d -> d.status() != ExecutionStatus.RUNNING);

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done.toString() + "\n" + moto.log());
        assertTrue(done.output().contains("\"doubled\": {\"value\": 42}"), done.output());
        assertTrue(done.output().contains("\"Error\": \"" + PromotionFailedException.class.getName() + "\""), done.output());
        assertTrue(done.output().contains("replica db-2 is not available"), done.output());
    }

    @Test
    void catchOnSimpleClassName_shouldNotMatchAsOnAws() {
        String definition = """
                {"StartAt":"Promote","States":{
                  "Promote":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                    "Parameters":{"FunctionName":"promote","Payload.$":"$"},
                    "Catch":[{"ErrorEquals":["%s"],"Next":"Compensated"}],
                    "End":true},
                  "Compensated":{"Type":"Pass","End":true}}}
                """.formatted(PromotionFailedException.class.getSimpleName());
        String machine = sfn.createStateMachine(b -> b.name("bridge-simple-name").roleArn(ROLE).definition(definition)).stateMachineArn();

        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{}")).executionArn();
        DescribeExecutionResponse done = Poll.until(Duration.ofSeconds(30),
                () -> sfn.describeExecution(b -> b.executionArn(execution)),
                d -> d.status() != ExecutionStatus.RUNNING);

        assertEquals(ExecutionStatus.FAILED, done.status(), done::toString);
        assertEquals(PromotionFailedException.class.getName(), done.error());
    }

    @Test
    void handlerSlowerThanFunctionTimeout_shouldFailAsTimedOut() throws Exception {
        HttpResponse<String> response = invoke("slow", "{}");

        assertEquals(200, response.statusCode());
        assertEquals("Unhandled", response.headers().firstValue("X-Amz-Function-Error").orElse(""));
        assertTrue(response.body().contains("\"errorType\": \"Sandbox.Timedout\""), response.body());
    }

    @Test
    void sameFunctionNameInTwoRegions_shouldReachTheRegionsHandler() throws Exception {
        assertEquals("\"east\"", invoke("us-east-1", "where", "{}").body());
        assertEquals("\"west\"", invoke("us-west-2", "where", "{}").body());
    }

    @Test
    void invocation_shouldBeRecordedWithTheHandlersOwnTime() throws Exception {
        java.time.Instant before = java.time.Instant.now();

        assertEquals(200, invoke("us-west-2", "timed", "{}").statusCode());

        var timed = bridge.invocations().stream().filter(i -> i.functionName().equals("timed")).toList();
        assertEquals(1, timed.size(), bridge.invocations().toString());
        LambdaBridge.Invocation invocation = timed.getFirst();
        assertEquals("us-west-2", invocation.region());
        assertTrue(!invocation.start().isBefore(before), invocation + " started before the request " + before);
        // the handler waits at least 150 ms: a lower bound only (the machine may be slower, never faster)
        assertTrue(invocation.handlerNanos() >= TimeUnit.MILLISECONDS.toNanos(150), invocation.toString());
        // the thread the handler ran on, so that its AWS calls can be told from the others'
        assertEquals(TIMED_THREAD.get(), invocation.threadId(), invocation.toString());
    }

    @Test
    void functionWithoutRegisteredHandler_shouldFailNamingTheFunction() throws Exception {
        HttpResponse<String> response = invoke("unregistered", "{}");

        assertEquals("Unhandled", response.headers().firstValue("X-Amz-Function-Error").orElse(""));
        assertTrue(response.body().contains(LambdaBridge.NOT_REGISTERED), response.body());
        assertTrue(response.body().contains("'unregistered'"), response.body());
    }

    @Test
    void functionUnknownToMoto_shouldFailWithResourceNotFound() throws Exception {
        HttpResponse<String> response = invoke("no-such-function", "{}");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("ResourceNotFoundException") || response.headers().toString().contains("ResourceNotFound"),
                response.headers() + " " + response.body());
    }

    private static HttpResponse<String> invoke(String function, String payload) throws Exception {
        return invoke("us-east-1", function, payload);
    }

    private static HttpResponse<String> invoke(String region, String function, String payload) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(moto.endpoint().resolve("/2015-03-31/functions/" + function + "/invocations"))
                    // moto routes by the credential scope's service name
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20250101/" + region + "/lambda/aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void awaitMillis(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
