package dev.crossfade.functions.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;

/** One JSON object per line on stdout, which Lambda ships to CloudWatch Logs (queryable with Logs Insights). */
public final class JsonLog {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PrintStream out;

    public JsonLog(PrintStream out) {
        this.out = out;
    }

    public ObjectNode entry(String level, String message) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("timestamp", Instant.now().toString());
        o.put("level", level);
        o.put("logger", "crossfade.detector");
        o.put("message", message);
        return o;
    }

    public void write(ObjectNode entry) {
        out.println(entry.toString());
    }
}
