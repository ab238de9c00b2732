package dev.crossfade.bench.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.bench.RepoFiles;
import dev.crossfade.emulator.MotoExtension;
import dev.crossfade.emulator.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable detector jar, run as the cold-start benchmark runs it: a fresh JVM with only
 * the jar (and the launcher) on its classpath, one alarm event, real HTTP calls to moto. Guards
 * the jar's packaging (minimizeJar must keep what the SDK loads by name) on every build, not only
 * when the benchmark runs. Needs functions packaged first, as the reactor build does.
 */
@ExtendWith(MotoExtension.class)
class DetectorJarColdStartMotoTest {

    @Test
    void detectorJar_shouldDecideFailover_inAFreshJvm_withOnlyTheJarOnItsClasspath(MotoServer moto, @TempDir Path work) throws IOException {
        Path root = RepoFiles.root();
        Path jar = detectorJar(root.resolve("functions/target"));
        Path launcher = Path.of(root.resolve("bench/target/classes").toString());
        Variant detector = new Variant("detector", List.of(jar, launcher), "dev.crossfade.functions.detect.EvaluateAlarmHandler",
                List.of(), Variant.Training.NONE, "\"action\":\"FAILOVER\"");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        List<ColdStartBenchmark.Result> results = new ColdStartBenchmark(moto.endpoint(), work, java,
                root.resolve("events/alarm-primary-alb-5xx.json"), 1).run(List.of(detector));

        ColdStartBenchmark.Sample run = results.get(0).samples().get(0);
        assertEquals(1, results.get(0).samples().size());
        assertTrue(run.wallMs() > run.initMs() + run.handleMs(), run.toString());
    }

    /**
     * The lever "fewer classes" (BENCHMARKS.md section 1) in effect, not only in the jar: a cold
     * start builds the metadata of the detector's four services (DynamoDB, Step Functions,
     * CloudWatch, EventBridge), not the SDK's map of every AWS service (316 classes). Counts, not times.
     */
    @Test
    void detectorJar_shouldLoadTheServiceMetadataOfItsOwnServicesOnly(MotoServer moto, @TempDir Path work) throws IOException {
        Path root = RepoFiles.root();
        Variant detector = new Variant("detector", List.of(detectorJar(root.resolve("functions/target")), root.resolve("bench/target/classes")),
                "dev.crossfade.functions.detect.EvaluateAlarmHandler", List.of(), Variant.Training.NONE, "\"action\":\"FAILOVER\"");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        ClassLoads.Count count = ClassLoads.count(moto.endpoint(), work, java, root.resolve("events/alarm-primary-alb-5xx.json"),
                List.of(detector)).get(0);

        String metadata = "software.amazon.awssdk.regions.servicemetadata";
        assertEquals(4, count.init().under(metadata) + count.firstEvent().under(metadata), count.init().packages().toString());
    }

    private static Path detectorJar(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-detector.jar")).findFirst().orElseThrow(
                    () -> new IllegalStateException("no *-detector.jar in " + target + "; run `mvn -pl bench -am verify`"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no " + target + "; run `mvn -pl bench -am verify`", e);
        }
    }
}
