package dev.crossfade.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * sources: core goes into every Lambda jar (and onto the classpaths of local/, cli/ and bench/); so do,
 * for the Lambda jars only, functions/lambda-sdk-overrides' classes, checked here too. Between the deployables' modules, Maven enforces the
 * rules (a module compiles only against what its pom declares).
 */
class PackageBoundariesTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    /** The sibling module of the classes that replace the SDK's in the Lambda jars (tests run in core's directory). */
    private static final Path OVERRIDES = Path.of("..", "lambda-sdk-overrides", "src", "main", "java");
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
    void core_shouldCarryNoClassInTheSdksPackages() {
        // core is also on the plain classpaths of local/, cli/ and bench/ (the CLI calls real AWS): a class here that
        // shares a name with one of the SDK's would replace it there too, or not, by the accident of dependency order
        assertFalse(Files.exists(SOURCES.resolve("software")), "core's sources hold software/...: SDK overrides go to functions/lambda-sdk-overrides");
    }

    @Test
    void lambdaSdkOverrides_shouldNameTheSdksRegionsPackagesOnly() throws IOException {
        // functions/lambda-sdk-overrides' GeneratedServiceMetadataProvider replaces the SDK's class of that name in the
        // shaded Lambda jars only (each deployable declares the module optional; BENCHMARKS.md section 1)
        assertEquals(List.of(), violations(OVERRIDES, "software/amazon/awssdk/regions", List.of("software.amazon.awssdk.regions.")));
    }

    /** "file: import" for every project or AWS import of {@code dir}'s sources outside {@code allowed}. */
    private static List<String> violations(String dir, List<String> allowed) throws IOException {
        return violations(SOURCES, dir, allowed);
    }

    /** The same, for the sources under {@code root}. */
    private static List<String> violations(Path root, String dir, List<String> allowed) throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(root.resolve(dir))) {
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files++;
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(1);
                    if (allowed.stream().noneMatch(imported::startsWith)) {
                        found.add(root.relativize(file) + ": " + imported);
                    }
                }
            }
        }
        assertTrue(files > 0, "no sources under " + dir);
        return found;
    }
}
