package dev.crossfade.infra.testutils;

import dev.crossfade.infra.CrossfadeApp;
import dev.crossfade.infra.GlobalStack;
import dev.crossfade.infra.PeeringStack;
import dev.crossfade.infra.RegionalStack;
import dev.crossfade.infra.StorageStack;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * The real app ({@link CrossfadeApp#compose}) of one topology, synthesized once into a cloud
 * assembly under {@code target/synth}; templates are read from the assembly (never re-synthesized
 * per stack, which {@code Template.fromStack} would do).
 */
public final class SynthesizedApp {

    /** The account the tests give topologies that name none. */
    public static final String ACCOUNT = "123456789012";

    private final Topology topology;
    private final CrossfadeApp.Stacks stacks;
    private final CloudAssembly assembly;
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    private SynthesizedApp(Topology topology, Map<String, Object> context) {
        this.topology = topology;
        App app = new App(AppProps.builder().outdir(outDir(topology).toString()).context(context).build());
        this.stacks = CrossfadeApp.compose(app, topology, Optional.of(ACCOUNT));
        this.assembly = app.synth();
    }

    /** Synthesized with the context {@code cdk synth} passes (cdk.json's feature flags, the CLI's defaults). */
    public static SynthesizedApp of(Topology topology) {
        return of(topology, Map.of());
    }

    public static SynthesizedApp of(Topology topology, Map<String, Object> context) {
        return new SynthesizedApp(topology, dev.crossfade.infra.CdkCliContext.of(Examples.repoRoot(), context));
    }

    private static Path outDir(Topology topology) {
        try {
            Path base = Files.createDirectories(Examples.repoRoot().resolve("infra/target/synth"));
            return Files.createTempDirectory(base, topology.name() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Topology topology() { return topology; }

    public CrossfadeApp.Stacks stacks() { return stacks; }

    public CloudAssembly assembly() { return assembly; }

    /** Stack names in a valid deploy order. */
    public List<String> stackNames() {
        return stacks.all().stream().map(Stack::getStackName).toList();
    }

    public CloudFormationStackArtifact artifact(String stackName) {
        return assembly.getStackByName(stackName);
    }

    /** The stack names {@code stackName} depends on, as the assembly (and so {@code cdk deploy}) sees them. */
    public Set<String> dependencies(String stackName) {
        Set<String> ids = stacks.all().stream().map(Stack::getArtifactId).collect(Collectors.toSet());
        return artifact(stackName).getDependencies().stream().map(a -> a.getId()).filter(ids::contains)
                .map(id -> assembly.getStackArtifact(id).getStackName()).collect(Collectors.toSet());
    }

    public Template template(String stackName) {
        return templates.computeIfAbsent(stackName, n -> Template.fromJSON(json(n)));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> json(String stackName) {
        return (Map<String, Object>) artifact(stackName).getTemplate();
    }

    public Path templateFile(String stackName) {
        return Path.of(artifact(stackName).getTemplateFullPath());
    }

    /** Messages (cdk-nag and CDK annotations) of a stack at the given level, as "id: text". */
    public List<String> messages(String stackName, String level) {
        return artifact(stackName).getMessages().stream()
                .filter(m -> m.getLevel().name().equals(level))
                .map(m -> m.getId() + ": " + String.valueOf(m.getEntry().getData()).lines().findFirst().orElse(""))
                .toList();
    }

    public Template regional(String region) { return template(topology.name() + "-" + region); }

    public Template storage(String region) { return template(topology.name() + "-" + region + "-storage"); }

    public Template peering(String region) { return template(topology.name() + "-" + region + "-peering"); }

    public Template global() { return template(GlobalStack.nameFor(topology)); }

    public RegionalStack regionalStack(String region) { return find(stacks.regional(), region); }

    public StorageStack storageStack(String region) { return find(stacks.storage(), region); }

    public PeeringStack peeringStack(String region) { return find(stacks.peering(), region); }

    public GlobalStack globalStack() { return stacks.global(); }

    /** Every template by stack name. */
    public Map<String, Map<String, Object>> templates() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        stackNames().forEach(n -> all.put(n, json(n)));
        return all;
    }

    private static <S extends Stack> S find(List<S> stacks, String region) {
        return stacks.stream().filter(s -> region.equals(s.getRegion())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stack in " + region + " among "
                        + stacks.stream().map(Stack::getStackName).toList()));
    }
}
