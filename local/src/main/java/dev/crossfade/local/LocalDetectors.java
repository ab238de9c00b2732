package dev.crossfade.local;

import dev.crossfade.decision.Decision;
import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DeploymentFactory;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.detect.AlarmEvaluator;
import dev.crossfade.functions.detect.AlarmStateReader;
import dev.crossfade.functions.detect.DecisionPublisher;
import dev.crossfade.functions.detect.DetectorConfig;
import dev.crossfade.functions.detect.JsonLog;
import dev.crossfade.functions.detect.ReplicaLagReader;
import dev.crossfade.functions.detect.RoutingRepublisher;
import dev.crossfade.functions.detect.StateStore;
import dev.crossfade.functions.detect.WorkflowStarter;
import dev.crossfade.topology.Topology;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The detector of every enabled region, as {@code EvaluateAlarmHandler} builds it, run in this JVM
 * against moto. An alarm event reaches every region's detector, as EventBridge forwarding does
 * (docs/detection.md "Who watches whom"); the failover lock and the deterministic execution name
 * keep it to one workflow execution.
 */
public final class LocalDetectors {

    private final Map<String, AlarmEvaluator> detectors = new LinkedHashMap<>();
    private final String account;

    /**
     * @param clock the drill clock: dwell and cooldown are measured on it, so they scale with the drill
     * @param log   where the detectors' JSON log lines go (not the drill's console)
     */
    public LocalDetectors(EmulatedApplication app, Clock clock, PrintStream log) {
        this(app, clock, log, region -> app.moto().endpoint());
    }

    /**
     * @param endpoint region -> the endpoint its detector's clients use (the lab gives each region
     *                 its own, so a region outage takes its detector's APIs with it)
     */
    public LocalDetectors(EmulatedApplication app, Clock clock, PrintStream log, java.util.function.Function<String, java.net.URI> endpoint) {
        this(app, clock, log, endpoint, java.util.List.of());
    }

    /** @param interceptors on every detector's clients (e.g. the drill's {@link CallTimer}) */
    public LocalDetectors(EmulatedApplication app, Clock clock, PrintStream log, java.util.function.Function<String, java.net.URI> endpoint,
                          java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors) {
        Topology topology = app.topology();
        Deployment base = DeploymentFactory.from(topology);
        this.account = topology.account().orElse(ResourceNames.ACCOUNT);
        Deployment deployment = new Deployment(base.project(), base.environment(), Optional.of(account), base.activeActive(),
                base.regions(), base.disabledRegions(), base.policy());
        Map<String, String> replicas = new LinkedHashMap<>();
        if (app.engine() == Topology.Engine.RDS_POSTGRES) {
            topology.secondaryRegions().forEach(r -> replicas.put(r.name(), app.names().dbInstance(r.name())));
        }
        for (String region : app.regions()) {
            java.net.URI uri = endpoint.apply(region);
            AwsClients clients = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                    r -> Optional.of(uri), interceptors);
            DetectorConfig config = new DetectorConfig(region, deployment, app.names().detectorTable(), app.names().stateMachine(),
                    replicas, Optional.of(endpoint.apply(region)), Optional.of(app.names().stateTable()));
            // each tick republishes the region's routing control from its desired state, as deployed
            detectors.put(region, new AlarmEvaluator(config, new StateStore(clients, config.stateTable(), region),
                    new WorkflowStarter(clients, config), new ReplicaLagReader(clients, config), new DecisionPublisher(clients, config, new JsonLog(log)),
                    new AlarmStateReader(clients, config), new JsonLog(log), clock,
                    Optional.of(new RoutingRepublisher(clients, config, app.names().stateTable()))));
        }
    }

    private final java.util.Set<String> down = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A region's detector is gone with its region (outage) or back ({@code false}). */
    public void setDown(String region, boolean isDown) {
        if (isDown) {
            down.add(region);
        } else {
            down.remove(region);
        }
    }

    /** Every running region's detector evaluates the event; their decisions by region. */
    public synchronized Map<String, Decision> deliver(String eventJson) {
        Map<String, Decision> decisions = new LinkedHashMap<>();
        byte[] payload = eventJson.getBytes(StandardCharsets.UTF_8);
        detectors.forEach((region, detector) -> {
            if (!down.contains(region)) {
                evaluate(region, () -> decisions.put(region, detector.evaluate(payload)));
            }
        });
        return decisions;
    }

    /** The minute schedule of each running detector (the scheduled event), at {@code at}. */
    public synchronized Map<String, Decision> tick(Instant at) {
        Map<String, Decision> decisions = new LinkedHashMap<>();
        detectors.forEach((region, detector) -> {
            if (!down.contains(region)) {
                evaluate(region, () -> decisions.put(region, detector.evaluate(scheduledEvent(region, at).getBytes(StandardCharsets.UTF_8))));
            }
        });
        return decisions;
    }

    private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean isolated;

    /**
     * From now on a detector whose evaluation fails (its region's APIs unreachable) is recorded in
     * {@link #failures()} and stops no other, as separate Lambda functions; by default the failure
     * is thrown to the caller (tests want to see it).
     */
    public LocalDetectors isolateFailures() {
        isolated = true;
        return this;
    }

    private void evaluate(String region, Runnable evaluation) {
        try {
            evaluation.run();
        } catch (RuntimeException e) {
            if (!isolated) {
                throw e;
            }
            failures.add(region + ": " + e.getMessage());
        }
    }

    /** The evaluations that failed, as "region: message", in order. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<String> regions() {
        return List.copyOf(detectors.keySet());
    }

    private String scheduledEvent(String region, Instant at) {
        return """
                {"version":"0","id":"%s","detail-type":"Scheduled Event","source":"aws.events","account":"%s",\
                "time":"%s","region":"%s","resources":["arn:aws:events:%s:%s:rule/crossfade-detector-schedule"],"detail":{}}"""
                .formatted(UUID.randomUUID(), account, DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS)),
                        region, region, account);
    }
}
