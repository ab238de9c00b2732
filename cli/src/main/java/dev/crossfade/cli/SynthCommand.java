package dev.crossfade.cli;

import dev.crossfade.infra.CrossfadeApp;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Writes the CloudFormation templates (the CDK cloud assembly) to DIR, without the CDK CLI.",
                "The assembly is built in a scratch folder and moved into DIR only when synthesis succeeds,",
                "so a failure leaves DIR as it was."})
final class SynthCommand extends TopologyCommand {

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "Output folder; replaced if it holds an earlier cloud assembly, refused if it holds anything else.")
    Path out;

    @Override
    int run(Topology t, PrintWriter stdout) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !isReplaceable(target)) {
            throw new BadInputException("--out " + out + " exists and is not an earlier cloud assembly (no manifest.json); "
                    + "choose an empty or new folder");
        }
        TopologyOption.printWarnings(t, stdout);
        stdout.printf("synthesizing %s: %d enabled regions (%s) ...%n", t.name(), t.enabledRegions().size(),
                String.join(", ", t.enabledRegions().stream().map(Topology.Region::name).toList()));
        stdout.flush();
        Files.createDirectories(target.getParent());
        Path scratch = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".synth-");
        // Ctrl-C during synthesis: the scratch folder (beside DIR, often in a repository) goes too
        Thread removeScratch = new Thread(() -> deleteTree(scratch), "crossfade-synth-cleanup");
        Runtime.getRuntime().addShutdownHook(removeScratch);
        try {
            long started = System.nanoTime();
            CloudAssembly assembly = CrossfadeApp.synth(t, scratch);
            long millis = (System.nanoTime() - started) / 1_000_000;
            deleteTree(target);
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
            for (CloudFormationStackArtifact stack : assembly.getStacks()) {
                Path template = target.resolve(stack.getTemplateFile());
                stdout.printf("  %-40s %-16s %s (%,d bytes)%n", stack.getStackName(), stack.getEnvironment().getRegion(),
                        out.resolve(stack.getTemplateFile()), Files.size(template));
            }
            stdout.printf("wrote %d stack(s) to %s in %.1f s%n", assembly.getStacks().size(), out, millis / 1000.0);
            return Main.OK;
        } finally {
            deleteTree(scratch);
            try {
                Runtime.getRuntime().removeShutdownHook(removeScratch);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; deleteTree on a folder already gone does nothing
            }
        }
    }

    private static boolean isReplaceable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty() || Files.isRegularFile(dir.resolve("manifest.json"));
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
