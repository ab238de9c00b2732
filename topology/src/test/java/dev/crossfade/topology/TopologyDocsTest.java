package dev.crossfade.topology;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/topology.md is the contract: every key the parser accepts has its row there. */
class TopologyDocsTest {

    @Test
    void everyAcceptedKey_shouldHaveARowInDocsTopology() throws IOException {
        Path root = Path.of(System.getProperty("crossfade.repoRoot", Path.of("").toAbsolutePath().getParent().toString()));
        String docs = Files.readString(root.resolve("docs/topology.md"));
        Map<String, Set<String>> sections = Map.of(
                "domain.", TopologyParser.DOMAIN_KEYS, "app.", TopologyParser.APP_KEYS, "regions.R.", TopologyParser.REGION_KEYS,
                "database.", TopologyParser.DATABASE_KEYS, "healthCheck.", TopologyParser.HEALTH_KEYS,
                "globalAccelerator.", TopologyParser.GA_KEYS, "failover.", TopologyParser.FAILOVER_KEYS,
                "notifications.", TopologyParser.NOTIFICATION_KEYS);
        List<String> missing = new ArrayList<>();
        sections.forEach((prefix, keys) -> keys.stream().filter(k -> !docs.contains("| `" + prefix + k + "`"))
                .forEach(k -> missing.add(prefix + k)));
        TopologyParser.TOP_KEYS.stream().filter(k -> !sections.containsKey(k + ".") && !k.equals("regions") && !k.equals("replication"))
                .filter(k -> !docs.contains("| `" + k + "`")).forEach(missing::add);
        TopologyParser.REPLICATION_KEYS.stream().filter(k -> !docs.contains("`replication." + k)).forEach(k -> missing.add("replication." + k));
        TopologyParser.TABLE_KEYS.stream().filter(k -> !docs.contains("`" + k + "`")).forEach(k -> missing.add("replication.dynamodbTables[]." + k));

        assertTrue(missing.isEmpty(), "keys without a row in docs/topology.md: " + missing);
    }
}
