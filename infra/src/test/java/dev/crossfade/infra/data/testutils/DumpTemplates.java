package dev.crossfade.infra.data.testutils;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes every test app's templates as JSON files, for cfn-lint and for reading. */
public final class DumpTemplates {

    private DumpTemplates() {}

    public static List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<Path> files = new ArrayList<>();
        for (var entry : java.util.Map.of("seed", TestApps.seed(), "active-active", TestApps.activeActive(),
                "three-regions", TestApps.threeRegions()).entrySet()) {
            for (String stack : entry.getValue().stacks().keySet()) {
                Path file = dir.resolve(entry.getKey() + "-" + stack + ".json");
                json.writeValue(file.toFile(), entry.getValue().template(stack).toJSON());
                files.add(file);
            }
        }
        return files;
    }
}
