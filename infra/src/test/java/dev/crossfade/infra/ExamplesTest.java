package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.testutils.Examples;
import dev.crossfade.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExamplesTest {

    /**
     * Images whose documented behaviour we rely on in the examples: the port the image listens on
     * by default and the paths that answer 200 there. traefik/whoami's README: "port ... (default:
     * 80)"; "/health: GET, HEAD, ...: returns a response with the status code defined by the POST"
     * (200 until someone POSTs another code). nginx:stable listens on 80 and serves no /health.
     */
    record KnownApp(int port, Set<String> healthyPaths) {}

    static final Map<String, KnownApp> KNOWN_APPS = Map.of(
            "docker.io/traefik/whoami", new KnownApp(80, Set.of("/", "/health", "/bench", "/api")),
            "public.ecr.aws/nginx/nginx", new KnownApp(80, Set.of("/")));

    @Test
    void everyExample_shouldRunAnImageThatAnswers200OnItsHealthPathAndPort() {
        for (String example : List.of(Examples.SEED, Examples.LATENCY, Examples.GEO)) {
            Topology t = Examples.load(example);
            String image = t.app().image().replaceFirst(":[^/:]+$", "");
            KnownApp known = KNOWN_APPS.get(image);

            assertTrue(known != null, example + ": app.image " + t.app().image() + " has no documented behaviour here");
            assertEquals(known.port(), t.app().containerPort(), example + ": app.containerPort");
            assertTrue(known.healthyPaths().contains(t.app().healthPath()), example + ": app.healthPath " + t.app().healthPath());
            // Route 53 probes healthCheck.path through the ALB to the same container
            assertEquals(t.app().healthPath(), t.healthCheck().path(), example + ": healthCheck.path");
        }
    }

    @Test
    void threeRegionGeo_shouldParseWithThreeEnabledRegionsAndOneDisabled() {
        Topology t = Examples.load(Examples.GEO);

        assertEquals(Topology.Routing.GEOLOCATION, t.routing());
        assertEquals(Topology.Engine.AURORA_POSTGRES_GLOBAL, t.database().engine());
        assertEquals(List.of("us-east-1", "eu-west-1", "ap-southeast-1"), t.enabledRegions().stream().map(Topology.Region::name).toList());
        assertEquals(List.of(List.of("NA"), List.of("EU", "default"), List.of("AS", "OC")),
                t.enabledRegions().stream().map(Topology.Region::continents).toList());
        assertEquals(false, t.region("sa-east-1").orElseThrow().enabled());
        assertEquals(true, t.globalAccelerator().enabled());
        assertEquals(List.of("sessions", "carts"), t.replication().dynamodbTables().stream().map(Topology.DynamoTable::name).toList());
        assertEquals(List.of("assets"), t.replication().s3Buckets());
    }
}
