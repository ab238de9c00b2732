package dev.crossfade.bench.jarsize;

import dev.crossfade.bench.Figure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The size of every deployable jar the functions module builds: each shaded jar (a classifier
 * other than sources, javadoc or tests) in functions/target, so that handlers added later are
 * measured without changing this class.
 */
public final class JarSizes {

    /** 12 MB, decimal: the stricter reading of the target. */
    public static final long LIMIT_BYTES = 12_000_000L;
    private static final java.util.regex.Pattern NAME =
            java.util.regex.Pattern.compile("crossfade-functions-(\\d+(?:\\.\\d+)*(?:-SNAPSHOT)?)(?:-(.+))?\\.jar");
    private static final List<String> NOT_DEPLOYABLE = List.of("-sources.jar", "-javadoc.jar", "-tests.jar", "-test-sources.jar");

    private JarSizes() {}

    public static List<Path> deployables(Path functionsTarget) {
        try (Stream<Path> files = Files.list(functionsTarget)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith("crossfade-functions-") && name.endsWith(".jar")
                        && NOT_DEPLOYABLE.stream().noneMatch(name::endsWith) && classifier(name) != null;
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + functionsTarget + "; build it with `mvn -pl infra -am package -DskipTests`", e);
        }
    }

    public static List<Figure> figures(Path functionsTarget) {
        List<Figure> rows = new ArrayList<>();
        List<Path> jars = deployables(functionsTarget);
        if (jars.isEmpty()) {
            throw new IllegalStateException("no shaded jar in " + functionsTarget + "; build it with `mvn -pl infra -am package -DskipTests`");
        }
        for (Path jar : jars) {
            long bytes = size(jar);
            rows.add(Figure.against("jar size, " + jar.getFileName(), String.format(Locale.ROOT, "%.2f MB (%d bytes, %d entries)",
                    bytes / 1e6, bytes, entries(jar)), "<= 12 MB", bytes <= LIMIT_BYTES, ""));
        }
        return rows;
    }

    /** The classifier of {@code crossfade-functions-VERSION[-CLASSIFIER].jar}, or null for the plain jar. */
    public static String classifier(String name) {
        java.util.regex.Matcher m = NAME.matcher(name);
        return m.matches() ? m.group(2) : null;
    }

    public static long size(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int entries(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
