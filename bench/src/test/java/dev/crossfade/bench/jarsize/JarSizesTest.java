package dev.crossfade.bench.jarsize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.crossfade.bench.Figure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarSizesTest {

    @Test
    void classifier_shouldBeWhatFollowsTheVersion() {
        assertEquals("detector", JarSizes.classifier("crossfade-functions-0.1.0-SNAPSHOT-detector.jar"));
        assertEquals("workflow-promote", JarSizes.classifier("crossfade-functions-1.2.0-workflow-promote.jar"));
        assertNull(JarSizes.classifier("crossfade-functions-0.1.0-SNAPSHOT.jar"));
        assertNull(JarSizes.classifier("crossfade-functions-1.2.0.jar"));
    }

    @Test
    void everyShadedJar_shouldBeListed_andNothingElse(@TempDir Path target) throws IOException {
        for (String name : List.of("crossfade-functions-0.1.0-SNAPSHOT.jar", "crossfade-functions-0.1.0-SNAPSHOT-workflow-run.jar",
                "crossfade-functions-0.1.0-SNAPSHOT-detector.jar", "crossfade-functions-0.1.0-SNAPSHOT-sources.jar", "other.jar")) {
            Files.write(target.resolve(name), new byte[0]);
        }

        List<String> names = JarSizes.deployables(target).stream().map(p -> p.getFileName().toString()).toList();

        assertEquals(List.of("crossfade-functions-0.1.0-SNAPSHOT-detector.jar", "crossfade-functions-0.1.0-SNAPSHOT-workflow-run.jar"), names);
    }

    @Test
    void jarOverTwelveMegabytes_shouldMissTheTarget(@TempDir Path target) throws IOException {
        Path jar = target.resolve("crossfade-functions-0.1.0-detector.jar");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            zip.setLevel(0);
            zip.putNextEntry(new java.util.zip.ZipEntry("big.bin"));
            zip.write(new byte[12_000_001]);
            zip.closeEntry();
        }

        Figure row = JarSizes.figures(target).get(0);

        assertEquals(Figure.Verdict.MISSED, row.verdict());
    }
}
