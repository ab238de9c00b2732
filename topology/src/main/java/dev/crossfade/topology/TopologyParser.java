package dev.crossfade.topology;

import dev.crossfade.topology.Topology.App;
import dev.crossfade.topology.Topology.Database;
import dev.crossfade.topology.Topology.Domain;
import dev.crossfade.topology.Topology.DynamoTable;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.Topology.Failover;
import dev.crossfade.topology.Topology.GlobalAccelerator;
import dev.crossfade.topology.Topology.HealthCheck;
import dev.crossfade.topology.Topology.Mode;
import dev.crossfade.topology.Topology.Notifications;
import dev.crossfade.topology.Topology.Protocol;
import dev.crossfade.topology.Topology.RemovalPolicy;
import dev.crossfade.topology.Topology.Region;
import dev.crossfade.topology.Topology.Replication;
import dev.crossfade.topology.Topology.Routing;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses a topology file (YAML or JSON; JSON is read as YAML, of which it is a subset) and
 * validates it against the contract in {@code docs/topology.md}. All problems are collected
 * and thrown together in one {@link TopologyException}; nothing is returned unless the whole
 * file is valid.
 */
public final class TopologyParser {

    static final Set<String> TOP_KEYS = Set.of("project", "environment", "account", "mode", "domain", "routing",
            "app", "regions", "database", "healthCheck", "globalAccelerator", "replication", "failover",
            "notifications", "removalPolicy");
    static final Set<String> DOMAIN_KEYS = Set.of("name", "hostedZoneId");
    static final Set<String> APP_KEYS = Set.of("image", "containerPort", "healthPath", "certificateArn");
    static final Set<String> REGION_KEYS = Set.of("enabled", "primary", "priority", "vpcCidr", "instanceType",
            "desiredCount", "minCount", "maxCount", "dbMultiAz", "continents", "weight");
    static final Set<String> DATABASE_KEYS = Set.of("engine", "engineVersion", "instanceClass", "allocatedStorage",
            "maxAllocatedStorage", "backupRetentionDays");
    static final Set<String> HEALTH_KEYS = Set.of("protocol", "port", "path", "intervalSeconds", "failureThreshold",
            "measureLatency", "checkerRegions");
    static final Set<String> GA_KEYS = Set.of("enabled", "flowLogs", "healthCheckIntervalSeconds", "thresholdCount");
    static final Set<String> REPLICATION_KEYS = Set.of("dynamodbTables", "s3Buckets", "vpcPeering");
    static final Set<String> TABLE_KEYS = Set.of("name", "partitionKey", "sortKey", "ttlAttribute");
    static final Set<String> FAILOVER_KEYS = Set.of("automatic", "rpoBudgetSeconds", "quorum", "dwellSeconds",
            "cooldownMinutes", "approvalForDataLoss", "approvalTimeoutMinutes");
    static final Set<String> NOTIFICATION_KEYS = Set.of("emails", "topicArns");

    private TopologyParser() {}

    public static Topology parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TopologyException(file.toString(),
                    List.of(new Problem("(file)", 0, "cannot read " + file + ": " + e.getMessage())));
        }
        return parse(text, file.toString());
    }

    public static Topology parse(String text, String source) {
        try (Reader reader = new StringReader(text)) {
            return parse(reader, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Topology parse(Reader reader, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(1 << 20);
        Node root;
        try {
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = (e.getContext() == null ? "" : e.getContext() + ", ") + e.getProblem();
            throw new TopologyException(source,
                    List.of(new Problem("(file)", mark == null ? 0 : mark.getLine() + 1, "not valid YAML or JSON: " + what)));
        } catch (YAMLException e) {
            throw new TopologyException(source, List.of(new Problem("(file)", 0, "not valid YAML or JSON: " + e.getMessage())));
        }
        if (root == null) {
            throw new TopologyException(source, List.of(new Problem("(file)", 0, "the file is empty")));
        }
        NodeReader in = new NodeReader();
        Topology topology = bind(in, root);
        if (in.problems().isEmpty()) {
            TopologyRules.check(topology, in);
        }
        if (!in.problems().isEmpty()) {
            throw new TopologyException(source, in.problems());
        }
        return topology;
    }

    private static Topology bind(NodeReader in, Node root) {
        NodeReader.Fields top = in.fields(root, "", TOP_KEYS);
        if (top == null) {
            return null;
        }
        String project = top.string("project");
        if (!project.isEmpty() && !project.matches("[a-z0-9-]+")) {
            in.problem("project", top.node("project"), "must use only a-z, 0-9 and '-', found '" + project + "'");
        }
        String environment = top.string("environment");
        if (!environment.isEmpty() && !environment.matches("[a-z0-9-]+")) {
            in.problem("environment", top.node("environment"), "must use only a-z, 0-9 and '-', found '" + environment + "'");
        }
        var account = top.optionalString("account");
        account.filter(a -> !a.matches("\\d{12}"))
                .ifPresent(a -> in.problem("account", top.node("account"), "must be a 12-digit AWS account id, found '" + a + "'"));
        Mode mode = top.choice("mode", null, options(Mode.values(), Mode::key));
        Routing routing = top.choice("routing", null, options(Routing.values(), Routing::key));
        RemovalPolicy removal = top.choice("removalPolicy", RemovalPolicy.RETAIN, options(RemovalPolicy.values(), RemovalPolicy::key));

        Domain domain = bindDomain(in, top);
        App app = bindApp(in, top);
        Map<String, Region> regions = bindRegions(in, top);
        Database database = bindDatabase(in, top);
        HealthCheck healthCheck = bindHealthCheck(in, top);
        GlobalAccelerator ga = bindGlobalAccelerator(in, top);
        Replication replication = bindReplication(in, top);
        Failover failover = bindFailover(in, top);
        Notifications notifications = bindNotifications(in, top);
        if (!in.problems().isEmpty()) {
            return null;
        }
        return new Topology(project, environment, account, mode, domain, routing, app, regions, database,
                healthCheck, ga, replication, failover, notifications, removal);
    }

    private static <E> Map<String, E> options(E[] values, java.util.function.Function<E, String> key) {
        Map<String, E> map = new LinkedHashMap<>();
        for (E value : values) {
            map.put(key.apply(value), value);
        }
        return map;
    }

    private static NodeReader.Fields section(NodeReader in, NodeReader.Fields top, String key, Set<String> keys, boolean required) {
        if (!top.has(key)) {
            if (required) {
                in.problem(key, top.node, "required section is missing");
            }
            return null;
        }
        return in.fields(top.node(key), key, keys);
    }

    private static Domain bindDomain(NodeReader in, NodeReader.Fields top) {
        NodeReader.Fields f = section(in, top, "domain", DOMAIN_KEYS, true);
        if (f == null) {
            return null;
        }
        String name = f.string("name");
        if (!name.isEmpty() && !name.matches("(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}\\.?")) {
            in.problem(f.path("name"), f.node("name"), "must be a DNS name such as api.example.com, found '" + name + "'");
        }
        String zone = f.string("hostedZoneId");
        if (!zone.isEmpty() && !zone.matches("Z[A-Z0-9]{1,32}")) {
            in.problem(f.path("hostedZoneId"), f.node("hostedZoneId"), "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ, found '" + zone + "'");
        }
        return new Domain(name, zone);
    }

    private static App bindApp(NodeReader in, NodeReader.Fields top) {
        NodeReader.Fields f = section(in, top, "app", APP_KEYS, true);
        if (f == null) {
            return null;
        }
        String image = f.string("image");
        int port = f.integer("containerPort");
        if (f.has("containerPort") && (port < 1 || port > 65535)) {
            in.problem(f.path("containerPort"), f.node("containerPort"), "must be a port 1..65535, found " + port);
        }
        String healthPath = f.string("healthPath", "/health");
        if (!healthPath.startsWith("/")) {
            in.problem(f.path("healthPath"), f.node("healthPath"), "must start with '/', found '" + healthPath + "'");
        }
        var cert = f.optionalString("certificateArn");
        cert.filter(c -> !c.startsWith("arn:aws"))
                .ifPresent(c -> in.problem(f.path("certificateArn"), f.node("certificateArn"), "must be an ACM certificate ARN, found '" + c + "'"));
        return new App(image, port, healthPath, cert);
    }

    private static Map<String, Region> bindRegions(NodeReader in, NodeReader.Fields top) {
        Map<String, Region> regions = new LinkedHashMap<>();
        NodeReader.Fields all = section(in, top, "regions", null, true);
        if (all == null) {
            return regions;
        }
        for (Map.Entry<String, Node> entry : all.values.entrySet()) {
            String code = entry.getKey();
            String path = "regions." + code;
            if (!AwsRegions.isKnown(code)) {
                in.problem(path, entry.getValue(), "unknown AWS region code '" + code + "'");
            }
            NodeReader.Fields f = in.fields(entry.getValue(), path, REGION_KEYS);
            if (f == null) {
                continue;
            }
            int desired = f.integer("desiredCount", 2);
            Region region = new Region(code,
                    f.bool("enabled", true),
                    f.bool("primary", false),
                    f.integer("priority"),
                    f.string("vpcCidr"),
                    f.string("instanceType", "m5.large"),
                    desired,
                    f.integer("minCount", desired),
                    f.integer("maxCount", Math.max(desired, 1) * 2),
                    f.bool("dbMultiAz", true),
                    f.strings("continents"),
                    f.optionalInteger("weight"));
            regions.put(code, region);
        }
        return regions;
    }

    private static Database bindDatabase(NodeReader in, NodeReader.Fields top) {
        NodeReader.Fields f = section(in, top, "database", DATABASE_KEYS, true);
        if (f == null) {
            return null;
        }
        Engine engine = f.choice("engine", null, options(Engine.values(), Engine::key));
        return new Database(engine,
                f.string("engineVersion"),
                f.string("instanceClass", "db.r5.large"),
                f.integer("allocatedStorage", 100),
                f.integer("maxAllocatedStorage", 500),
                f.integer("backupRetentionDays", 14));
    }

    private static HealthCheck bindHealthCheck(NodeReader in, NodeReader.Fields top) {
        NodeReader.Fields f = section(in, top, "healthCheck", HEALTH_KEYS, false);
        if (f == null) {
            return new HealthCheck(Protocol.HTTPS, 443, "/health", 30, 3, false, List.of());
        }
        return new HealthCheck(
                f.choice("protocol", Protocol.HTTPS, options(Protocol.values(), Protocol::name)),
                f.integer("port", 443),
                f.string("path", "/health"),
                f.integer("intervalSeconds", 30),
                f.integer("failureThreshold", 3),
                f.bool("measureLatency", false),
                f.strings("checkerRegions"));
    }

    private static GlobalAccelerator bindGlobalAccelerator(NodeReader in, NodeReader.Fields top) {
        NodeReader.Fields f = section(in, top, "globalAccelerator", GA_KEYS, false);
        if (f == null) {
            return new GlobalAccelerator(false, false, 30, 3);
        }
        return new GlobalAccelerator(
                f.bool("enabled", true),
                f.bool("flowLogs", false),
                f.integer("healthCheckIntervalSeconds", 30),
                f.integer("thresholdCount", 3));
    }

    private static Replication bindReplication(NodeReader in, NodeReader.Fields top) {
        NodeReader.Fields f = section(in, top, "replication", REPLICATION_KEYS, false);
        if (f == null) {
            return new Replication(List.of(), List.of(), false);
        }
        List<DynamoTable> tables = new ArrayList<>();
        List<Node> items = f.list("dynamodbTables");
        for (int i = 0; i < items.size(); i++) {
            String path = f.path("dynamodbTables") + "[" + i + "]";
            NodeReader.Fields t = in.fields(items.get(i), path, TABLE_KEYS);
            if (t == null) {
                continue;
            }
            String name = t.string("name");
            if (!name.isEmpty() && !name.matches("[a-zA-Z0-9_.-]{3,255}")) {
                in.problem(t.path("name"), t.node("name"), "must be 3-255 characters of a-z A-Z 0-9 _ . -, found '" + name + "'");
            }
            String partitionKey = t.string("partitionKey");
            tables.add(new DynamoTable(name, partitionKey, t.optionalString("sortKey"), t.optionalString("ttlAttribute")));
        }
        List<String> buckets = f.strings("s3Buckets");
        for (int i = 0; i < buckets.size(); i++) {
            if (!buckets.get(i).matches("[a-z0-9][a-z0-9-]{0,30}[a-z0-9]|[a-z0-9]")) {
                in.problem(f.path("s3Buckets") + "[" + i + "]", f.node("s3Buckets"),
                        "must be 1-32 characters of a-z 0-9 '-' (it becomes part of a bucket name), found '" + buckets.get(i) + "'");
            }
        }
        return new Replication(tables, buckets, f.bool("vpcPeering", false));
    }

    private static Failover bindFailover(NodeReader in, NodeReader.Fields top) {
        NodeReader.Fields f = section(in, top, "failover", FAILOVER_KEYS, false);
        if (f == null) {
            return new Failover(false, 5, 2, 60, 30, true, Failover.DEFAULT_APPROVAL_TIMEOUT_MINUTES);
        }
        return new Failover(
                f.bool("automatic", false),
                f.integer("rpoBudgetSeconds", 5),
                f.integer("quorum", 2),
                f.integer("dwellSeconds", 60),
                f.integer("cooldownMinutes", 30),
                f.bool("approvalForDataLoss", true),
                f.integer("approvalTimeoutMinutes", Failover.DEFAULT_APPROVAL_TIMEOUT_MINUTES));
    }

    /** An address SNS accepts for the email protocol: one {@code @}, no spaces, a dotted domain. */
    private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s.]+";
    /** {@code arn:PARTITION:sns:REGION:ACCOUNT:NAME}; topic names are 1-256 of a-zA-Z0-9_- (.fifo topics cannot take EventBridge events here). */
    private static final String TOPIC_ARN = "arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}";

    private static Notifications bindNotifications(NodeReader in, NodeReader.Fields top) {
        NodeReader.Fields f = section(in, top, "notifications", NOTIFICATION_KEYS, false);
        if (f == null) {
            return Notifications.NONE;
        }
        List<String> emails = f.strings("emails");
        for (int i = 0; i < emails.size(); i++) {
            if (!emails.get(i).matches(EMAIL)) {
                in.problem(f.path("emails") + "[" + i + "]", f.node("emails"),
                        "must be an email address like oncall@example.com, found '" + emails.get(i) + "'");
            } else if (emails.indexOf(emails.get(i)) != i) {
                in.problem(f.path("emails") + "[" + i + "]", f.node("emails"), "'" + emails.get(i) + "' is listed twice");
            }
        }
        List<String> topics = f.strings("topicArns");
        for (int i = 0; i < topics.size(); i++) {
            if (!topics.get(i).matches(TOPIC_ARN)) {
                in.problem(f.path("topicArns") + "[" + i + "]", f.node("topicArns"),
                        "must be a standard SNS topic ARN like arn:aws:sns:us-east-1:123456789012:oncall, found '"
                                + topics.get(i) + "'");
            } else if (topics.indexOf(topics.get(i)) != i) {
                in.problem(f.path("topicArns") + "[" + i + "]", f.node("topicArns"), "'" + topics.get(i) + "' is listed twice");
            }
        }
        return new Notifications(emails, topics);
    }
}
