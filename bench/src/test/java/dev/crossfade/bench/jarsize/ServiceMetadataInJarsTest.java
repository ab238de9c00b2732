package dev.crossfade.bench.jarsize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.crossfade.bench.RepoFiles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The lever "fewer classes" (issue 17, BENCHMARKS.md section 1), kept in every deployable: its
 * GeneratedServiceMetadataProvider is functions/lambda-sdk-overrides' (the SDK's, which loads the metadata of
 * all ~316 AWS services on the first client built, is filtered out), and it serves the SDK's
 * generated metadata of every service whose client the jar carries. A service added to a
 * module's pom and not to that class fails here.
 */
class ServiceMetadataInJarsTest {

    private static final String PROVIDER = "software.amazon.awssdk.regions.GeneratedServiceMetadataProvider";
    private static final Pattern SYNC_BUILDER = Pattern.compile("software/amazon/awssdk/services/[a-z0-9]+/Default(?!.*Async)\\w+ClientBuilder\\.class");

    @Test
    void everyDeployable_shouldServeTheMetadataOfItsServicesOnly_notTheSdksWholeMap() throws Exception {
        Map<String, List<String>> servedByJar = new TreeMap<>();
        for (Path jar : JarSizes.deployables(RepoFiles.root().resolve("functions/target"))) {
            List<String> builders;
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                builders = zip.stream().map(e -> e.getName()).filter(n -> SYNC_BUILDER.matcher(n).matches())
                        .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
            }
            assertFalse(builders.isEmpty(), jar + " carries no SDK client builder");
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                Class<?> providerClass = loader.loadClass(PROVIDER);
                Object provider = providerClass.getConstructor().newInstance();
                Method serviceMetadata = providerClass.getMethod("serviceMetadata", String.class);
                assertNull(serviceMetadata.invoke(provider, "s3"), jar + ": the SDK's provider, with every service, is back");
                List<String> served = new java.util.ArrayList<>();
                for (String builder : builders) {
                    Class<?> builderClass = loader.loadClass(builder);
                    if (java.lang.reflect.Modifier.isAbstract(builderClass.getModifiers())) {
                        continue; // DefaultXxxBaseClientBuilder
                    }
                    String prefix = endpointPrefix(builderClass);
                    Object metadata = serviceMetadata.invoke(provider, prefix);
                    assertNotNull(metadata, jar.getFileName() + ": no service metadata for " + prefix + " (" + builder
                            + "); add it to functions/lambda-sdk-overrides' GeneratedServiceMetadataProvider");
                    assertEquals("software.amazon.awssdk.regions.servicemetadata", metadata.getClass().getPackageName());
                    served.add(prefix);
                }
                servedByJar.put(JarSizes.classifier(jar.getFileName().toString()), served);
            }
        }
        assertEquals(5, servedByJar.size(), servedByJar.toString());
    }

    /** The builder's {@code serviceEndpointPrefix()}: the key the SDK looks its service metadata up by. */
    private static String endpointPrefix(Class<?> builderClass) throws ReflectiveOperationException {
        Constructor<?> constructor = builderClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        Method prefix = findMethod(builderClass, "serviceEndpointPrefix");
        prefix.setAccessible(true);
        return (String) prefix.invoke(constructor.newInstance());
    }

    private static Method findMethod(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name);
            } catch (NoSuchMethodException e) {
                // declared higher up: DefaultXxxBaseClientBuilder
            }
        }
        throw new NoSuchMethodException(type + "." + name);
    }
}
