package dev.crossfade.functions.detect;

import dev.crossfade.functions.json.JsonObject;
import java.io.PrintStream;
import java.time.Instant;

/** One JSON object per line on stdout, which Lambda ships to CloudWatch Logs (queryable with Logs Insights). */
public final class JsonLog {

    private final PrintStream out;

    public JsonLog(PrintStream out) {
        this.out = out;
    }

    public JsonObject entry(String level, String message) {
        JsonObject o = new JsonObject();
        o.put("timestamp", Instant.now().toString());
        o.put("level", level);
        o.put("logger", "crossfade.detector");
        o.put("message", message);
        return o;
    }

    public void write(JsonObject entry) {
        out.println(entry.toString());
    }
}
