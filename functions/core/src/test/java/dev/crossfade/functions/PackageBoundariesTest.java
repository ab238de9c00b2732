package dev.crossfade.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What core's packages may import (docs/architecture.md, "What may import what"), checked on the
 * sources: core goes into every Lambda jar. Between the deployables' modules, Maven enforces the
 * rules (a module compiles only against what its pom declares).
 */
class PackageBoundariesTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?((?:dev\\.crossfade|software\\.amazon|com\\.amazonaws)\\.[\\w.]+)",
            Pattern.MULTILINE);

    @Test
    void decision_shouldBePure_noAwsAndNoHandlerCode() throws IOException {
        assertEquals(List.of(), violations("dev/crossfade/decision",
                List.of("dev.crossfade.decision.", "dev.crossfade.topology.", "dev.crossfade.functions.json.")));
    }

    @Test
    void json_shouldStandAlone() throws IOException {
        assertEquals(List.of(), violations("dev/crossfade/functions/json", List.of("dev.crossfade.functions.json.")));
    }

    @Test
    void awsClients_shouldCarryNoService() throws IOException {
        // core is in every jar: a service client here would be in every jar too
        assertEquals(List.of(), violations("dev/crossfade/functions/aws", List.of("dev.crossfade.functions.aws.",
                "software.amazon.awssdk.auth.", "software.amazon.awssdk.awscore.", "software.amazon.awssdk.core.",
                "software.amazon.awssdk.http.", "software.amazon.awssdk.regions.")));
    }

    @Test
    void serviceMetadata_shouldNameTheSdksRegionsPackagesOnly() throws IOException {
        // GeneratedServiceMetadataProvider replaces the SDK's class of that name in every jar (BENCHMARKS.md section 1)
        assertEquals(List.of(), violations("software/amazon/awssdk/regions", List.of("software.amazon.awssdk.regions.")));
    }

    /** "file: import" for every project or AWS import of {@code dir}'s sources outside {@code allowed}. */
    private static List<String> violations(String dir, List<String> allowed) throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(SOURCES.resolve(dir))) {
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files++;
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(1);
                    if (allowed.stream().noneMatch(imported::startsWith)) {
                        found.add(SOURCES.relativize(file) + ": " + imported);
                    }
                }
            }
        }
        assertTrue(files > 0, "no sources under " + dir);
        return found;
    }
}
