package dev.crossfade.functions.workflow.run;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.StateTables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The durable desired state of each region's routing control: one item per region,
 * {@code routing#<application>#<region>} ({@code on}, {@code setAt} epoch millis, {@code setBy}),
 * written into the state table of <em>every</em> enabled region, so that a region outage erases
 * none of it and a region that was unreachable when it was switched finds its state in its peers'
 * tables when it comes back. Each region's detector republishes the newest item for its region
 * every minute (docs/routing.md, "Routing control"), which keeps the metric Route 53 reads fresh.
 */
public final class RoutingIntent extends StepLogic {

    /** @param unwritten regions whose table could not be written (region: why) */
    public record Written(Map<String, Boolean> intents, List<String> written, List<String> unwritten) {}

    public RoutingIntent(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    /** The item key of {@code region}'s desired state; the detector reads the same (RoutingRepublisher). */
    public static String key(String application, String region) {
        return "routing#" + application + "#" + region;
    }

    /**
     * Writes {@code intents} (region -> on) into every enabled region's table; fails only when no
     * table at all could be written (nothing durable then, and the caller must know).
     */
    public Written write(Map<String, Boolean> intents, String setBy, Instant at) {
        if (intents.isEmpty()) {
            return new Written(Map.of(), List.of(), List.of());
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        intents.forEach((region, on) -> items.add(Map.of("pk", AttributeValue.fromS(key(config.application(), region)),
                "on", AttributeValue.fromBool(on),
                "setAt", AttributeValue.fromN(Long.toString(at.toEpochMilli())),
                "setBy", AttributeValue.fromS(setBy))));
        StateTables.Written written = new StateTables(clients, config).putNewest(items, "routing intents " + intents);
        return new Written(Map.copyOf(intents), written.written(), written.unwritten());
    }

    /** The newest desired state of {@code region} over every reachable enabled region's table. */
    public Optional<Boolean> read(String region) {
        return new StateTables(clients, config).newest(key(config.application(), region)).map(item -> item.get("on").bool());
    }

    /**
     * What a finished run leaves as each region's desired state, from its steps' results in the
     * execution state: after a traffic shift ({@code $.traffic} present) the target ({@code to}) is
     * on, the old primary ({@code from}) off and, active-passive, every other enabled region off (as
     * ShiftTraffic switched them, reachable or not); without a shift, the old primary is off while
     * its fence stands (fenced, or skipped as unreachable) and on when the rollback undid it;
     * otherwise nothing changed.
     */
    public static Map<String, Boolean> of(dev.crossfade.functions.json.JsonValue state, WorkflowConfig config) {
        Map<String, Boolean> intents = new LinkedHashMap<>();
        String from = state.path("from").asText(null);
        String to = state.path("to").asText(null);
        if (from == null || to == null) {
            return intents;
        }
        if (!state.path("traffic").isMissing() && !state.path("traffic").isNull()) {
            if (!config.activeActive()) {
                config.regions().keySet().forEach(r -> intents.put(r, false));
            }
            intents.put(from, false);
            intents.put(to, true);
            return intents;
        }
        dev.crossfade.functions.json.JsonValue fencing = state.path("fencing");
        dev.crossfade.functions.json.JsonValue unfence = state.path("unfence");
        boolean fenced = fencing.path("routingFenced").asBoolean(false) || !fencing.path("skipped").elements().isEmpty();
        boolean restored = unfence.path("routingFenced").asBoolean(false) && !unfence.path("targetPromoted").asBoolean(false);
        if (restored) {
            intents.put(from, true);
        } else if (fenced) {
            intents.put(from, false);
        }
        return intents;
    }
}
