package dev.crossfade.functions.workflow;

import dev.crossfade.functions.json.EmbeddedMetrics;
import dev.crossfade.functions.json.JsonObject;
import dev.crossfade.functions.json.JsonValue;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The workflow steps' structured logs: one JSON object per line on stdout, which Lambda ships to
 * CloudWatch Logs. Each line has {@code level}, {@code requestId}, {@code coldStart}, the function,
 * and the run's incident id as {@code correlationId} (also {@code incidentId}), so Logs Insights
 * finds every step of one incident with one query. Used by {@link JsonStreamHandler} around every
 * step; no handler logs by itself. Each line also carries the step's duration as an
 * embedded-metric-format record. Own code, not Powertools: see docs/workflow.md, "Logs and metrics".
 */
public final class StepLog {

    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    private final PrintStream out;
    private final Clock clock;

    /** @param out where lines go; null: System.out at the time of writing */
    public StepLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** The invocation's fixed fields; the first invocation in this JVM is the cold start. */
    public Invocation start(String function, String requestId, String input) {
        return new Invocation(function, requestId, COLD.getAndSet(false), incidentId(input), clock.millis());
    }

    /** One invocation of a step. */
    public final class Invocation {
        private final String function;
        private final String requestId;
        private final boolean coldStart;
        private final String incidentId;
        private final long startMillis;

        private Invocation(String function, String requestId, boolean coldStart, String incidentId, long startMillis) {
            this.function = function;
            this.requestId = requestId;
            this.coldStart = coldStart;
            this.incidentId = incidentId;
            this.startMillis = startMillis;
        }

        public void succeeded() {
            write(entry("INFO", "step succeeded"));
        }

        /** A thrown error: the state machine's Retry/Catch decide what it means, so it is logged as a WARN with its name. */
        public void failed(Throwable e) {
            JsonObject o = entry(e instanceof WorkflowException || e instanceof IllegalArgumentException ? "WARN" : "ERROR", "step failed");
            o.put("errorType", e.getClass().getName());
            o.put("errorMessage", String.valueOf(e.getMessage()));
            write(o);
        }

        private JsonObject entry(String level, String message) {
            JsonObject o = new JsonObject();
            o.put("timestamp", java.time.Instant.ofEpochMilli(clock.millis()).toString());
            o.put("level", level);
            o.put("message", message);
            o.put("service", "crossfade-workflow");
            o.put("function", function);
            o.put("requestId", requestId);
            o.put("coldStart", coldStart);
            if (incidentId != null) {
                o.put("correlationId", incidentId);
                o.put("incidentId", incidentId);
            }
            long duration = clock.millis() - startMillis;
            o.put("durationMillis", duration);
            // the same line is an embedded-metric-format record: StepDuration by Function, in the run namespace,
            // with no PutMetricData call on the failover path (docs/workflow.md "Logs and metrics")
            return o.putAll(EmbeddedMetrics.in(WorkflowConfig.RUN_NAMESPACE, java.time.Instant.ofEpochMilli(clock.millis()))
                    .dimension("Function", function).metric("StepDuration", duration, "Milliseconds").toJson());
        }
    }

    private void write(JsonObject o) {
        // null: whatever System.out is now (the Lambda runtime's stdout)
        (out != null ? out : System.out).println(o);
    }

    /** {@code incidentId} at the top (every step's input) or under {@code state} (RecordRun); null if unreadable. */
    static String incidentId(String input) {
        try {
            JsonValue tree = Json.tree(input);
            JsonValue id = tree.path("incidentId").isTextual() ? tree.path("incidentId") : tree.path("state").path("incidentId");
            return id.isTextual() ? id.asText() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
