package dev.crossfade.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.testutils.DetectionSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The stored state (read by every detector, the CLI and the local module) is written exactly as
 * the databind version of {@link StateJson#write} wrote it, reproduced here from git history; a
 * decision likewise, as the JSON that version wrote.
 */
class StateJsonShapeTest {

    private static final ObjectMapper DATABIND = new ObjectMapper();

    @Test
    void everySampleState_shouldBeWrittenAsDatabindWroteIt() throws Exception {
        try (Stream<Path> files = Files.list(DetectionSamples.repoRoot().resolve("events/state"))) {
            for (Path f : files.toList()) {
                DetectorState s = StateJson.read(Files.readString(f));

                assertEquals(databindWrite(s), StateJson.write(s), f.toString());
            }
        }
    }

    @Test
    void stateWithLagAndAnOpenIncident_shouldBeWrittenAsDatabindWroteIt() {
        DetectorState s = StateJson.read("""
                {"version":3,"regionsInTraffic":["us-east-1"],"signals":{"us-east-1":{"alb-5xx@us-east-1":
                 {"state":"ALARM","since":"2026-01-01T00:00:00Z","previous":"OK"}}},"lastExecutionAt":"2026-01-01T00:00:01.250Z",
                 "openIncident":{"id":"i","from":"us-east-1","to":"eu-west-1","openedAt":"2026-01-01T00:00:00Z","executionName":null,
                 "started":false,"status":"EXECUTING"},"replicaLagSeconds":{"eu-west-1":{"seconds":12,"readAt":"2026-01-01T00:00:00Z"},
                 "ap-south-1":{"seconds":0.25,"readAt":"2026-01-01T00:00:00.500Z"}}}""");

        assertEquals(databindWrite(s), StateJson.write(s));
    }

    /** A decision, as the databind version of {@link DecisionJson#toJson} wrote it: every field, absent ones as null. */
    @Test
    void decision_shouldBeWrittenAsDatabindWroteIt() {
        assertEquals("""
                {"action":"NONE","from":null,"to":null,"reason":"quiet \\"here\\"","executionName":null,"incidentId":null,\
                "region":null,"approvalRequired":false}""", DecisionJson.toJson(Decision.none("quiet \"here\"")).toString());
        assertEquals("""
                {"action":"NONE","from":null,"to":null,"reason":"r","executionName":null,"incidentId":null,\
                "region":"us-east-1","approvalRequired":false}""", DecisionJson.toJson(Decision.none("us-east-1", "r")).toString());
    }

    private static String databindWrite(DetectorState s) {
        ObjectNode root = DATABIND.createObjectNode();
        root.put("version", s.version());
        s.regionsInTraffic().forEach(root.putArray("regionsInTraffic")::add);
        ObjectNode signals = root.putObject("signals");
        s.signals().forEach((region, byKey) -> {
            ObjectNode r = signals.putObject(region);
            byKey.forEach((key, sig) -> {
                ObjectNode o = r.putObject(key);
                o.put("state", sig.state().name());
                o.put("since", sig.since().toString());
                sig.previous().ifPresent(p -> o.put("previous", p.name()));
            });
        });
        s.lastExecutionAt().ifPresentOrElse(t -> root.put("lastExecutionAt", t.toString()), () -> root.putNull("lastExecutionAt"));
        s.openIncident().ifPresentOrElse(i -> {
            ObjectNode o = root.putObject("openIncident");
            o.put("id", i.id()).put("from", i.from()).put("to", i.to()).put("openedAt", i.openedAt().toString());
            i.executionName().ifPresentOrElse(n -> o.put("executionName", n), () -> o.putNull("executionName"));
            o.put("started", i.started()).put("status", i.status()).put("runs", i.runs());
        }, () -> root.putNull("openIncident"));
        ObjectNode lag = root.putObject("replicaLagSeconds");
        s.replicaLagSeconds().forEach((region, r) -> lag.putObject(region).put("seconds", r.seconds()).put("readAt", r.readAt().toString()));
        s.writerRegion().ifPresentOrElse(w -> root.put("writerRegion", w), () -> root.putNull("writerRegion"));
        var standbys = root.putArray("standbysOut");
        s.standbysOut().forEach(standbys::add);
        return root.toString();
    }
}
