package dev.crossfade.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CDK context that {@code cdk synth} gives the app (in {@code CDK_CONTEXT_JSON}): the
 * {@code context} of {@code cdk.json} (the recommended feature flags) plus the CLI's own defaults
 * (path and asset metadata, version reporting, bundling). {@code crossfade synth} synthesizes with
 * exactly this, so that its templates are byte-identical to those of {@code cdk synth}.
 */
public final class CdkCliContext {

    /** What the CDK CLI (2.1148) adds to every synthesis unless told otherwise. */
    static final Map<String, Object> CLI_DEFAULTS = Map.of(
            "aws:cdk:enable-path-metadata", true,
            "aws:cdk:enable-asset-metadata", true,
            "aws:cdk:version-reporting", true,
            "aws:cdk:bundling-stacks", List.of("**"),
            "@aws-cdk/core:failSynthOnValidationErrors", false);

    private CdkCliContext() {}

    /** {@code cdk.json}'s context under {@code repoRoot}, then the CLI defaults, then {@code extra} (e.g. -c values). */
    public static Map<String, Object> of(Path repoRoot, Map<String, Object> extra) {
        Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext(repoRoot));
        context.putAll(CLI_DEFAULTS);
        context.putAll(extra);
        return context;
    }

    /** The {@code context} object of {@code cdk.json} (the feature flags); empty if there is none. */
    public static Map<String, Object> cdkJsonContext(Path repoRoot) {
        Path file = repoRoot.resolve("cdk.json");
        try {
            JsonNode context = new ObjectMapper().readTree(Files.readString(file)).path("context");
            Map<String, Object> values = new LinkedHashMap<>();
            context.properties().forEach(e -> values.put(e.getKey(), new ObjectMapper().convertValue(e.getValue(), Object.class)));
            return values;
        } catch (IOException e) {
            throw new AppInputException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
