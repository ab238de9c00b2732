package dev.crossfade.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import dev.crossfade.functions.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every workflow step, through JsonStreamHandler, writes one structured JSON line per invocation. */
class StepLogTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void captureStdout() {
        stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(stdout);
    }

    @Test
    void step_shouldLogLevelRequestIdColdStartAndTheIncidentAsCorrelationId() throws Exception {
        JsonStreamHandler step = handler(json -> "{\"ok\":true}");

        String first = invoke(step, "{\"mode\":\"failover\",\"incidentId\":\"inc-7\"}", "req-1");
        String second = invoke(step, "{\"mode\":\"failover\",\"incidentId\":\"inc-7\"}", "req-2");

        assertEquals("{\"ok\":true}", first);
        assertEquals("{\"ok\":true}", second);
        List<JsonValue> lines = lines();
        assertEquals(2, lines.size(), captured.toString());
        JsonValue line = lines.get(1);
        assertEquals("INFO", line.path("level").asText());
        assertEquals("step succeeded", line.path("message").asText());
        assertEquals("req-2", line.path("requestId").asText());
        assertEquals("shop-prod-failover-ShiftTraffic", line.path("function").asText());
        assertEquals("inc-7", line.path("correlationId").asText());
        assertTrue(lines.get(0).path("coldStart").isBoolean());
        assertFalse(line.path("coldStart").asBoolean(), "only the first invocation of a JVM is cold");
    }

    /** The step's log line is also its duration metric, in embedded metric format (no PutMetricData on the path). */
    @Test
    void stepLine_shouldCarryItsDurationAsAnEmbeddedMetric() throws Exception {
        invoke(handler(json -> "{}"), "{\"incidentId\":\"inc-5\"}", "req-6");

        JsonValue line = lines().get(0);
        JsonValue directive = line.path("_aws").path("CloudWatchMetrics").elements().getFirst();
        assertEquals("Crossfade/Failover", directive.path("Namespace").asText());
        assertEquals("Function", directive.path("Dimensions").elements().getFirst().elements().getFirst().asText());
        assertEquals("StepDuration", directive.path("Metrics").elements().getFirst().path("Name").asText());
        assertEquals("Milliseconds", directive.path("Metrics").elements().getFirst().path("Unit").asText());
        assertEquals("shop-prod-failover-ShiftTraffic", line.path("Function").asText(), "the dimension's value at the root");
        assertEquals(line.path("durationMillis").asLong(), (long) line.path("StepDuration").doubleValue());
        assertTrue(Math.abs(line.path("_aws").path("Timestamp").asLong() - System.currentTimeMillis()) < 60_000, "dated now");
    }

    @Test
    void recordRunInput_shouldTakeTheIncidentFromTheState() throws Exception {
        invoke(handler(json -> "{}"), "{\"status\":\"SUCCEEDED\",\"state\":{\"incidentId\":\"inc-9\"}}", "req-3");

        assertEquals("inc-9", lines().get(0).path("correlationId").asText());
    }

    @Test
    void failingStep_shouldLogTheErrorAndRethrowTheSameException() {
        IllegalStateException boom = new IllegalStateException("rds said no");
        JsonStreamHandler step = handler(json -> { throw boom; });

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> invoke(step, "{\"incidentId\":\"inc-8\"}", "req-4"));

        assertSame(boom, thrown, "the state machine's Catch sees the step's own error");
        JsonValue line = lines().get(0);
        assertEquals("ERROR", line.path("level").asText());
        assertEquals("java.lang.IllegalStateException", line.path("errorType").asText());
        assertEquals("rds said no", line.path("errorMessage").asText());
        assertEquals("inc-8", line.path("correlationId").asText());
    }

    @Test
    void guardError_shouldBeAWarning() {
        JsonStreamHandler step = handler(json -> { throw new LockHeldException("held by another run"); });

        assertThrows(LockHeldException.class, () -> invoke(step, "{}", "req-5"));

        assertEquals("WARN", lines().get(0).path("level").asText());
        assertTrue(lines().get(0).path("correlationId").isMissing(), "no incident, no correlation id");
    }

    private List<JsonValue> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).map(Json::tree).toList();
    }

    private static JsonStreamHandler handler(Function<String, String> body) {
        return new JsonStreamHandler() {
            @Override
            protected String handleJson(String json) {
                return body.apply(json);
            }
        };
    }

    private static String invoke(JsonStreamHandler step, String input, String requestId) throws Exception {
        Context context = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getFunctionName" -> "shop-prod-failover-ShiftTraffic";
                    default -> null;
                });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        step.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, context);
        return out.toString(StandardCharsets.UTF_8);
    }
}
