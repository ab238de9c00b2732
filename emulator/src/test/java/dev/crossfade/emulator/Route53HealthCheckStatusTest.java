package dev.crossfade.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.crossfade.emulator.testutils.Sdk;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.CloudWatchRegion;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.InsufficientDataHealthStatus;
import software.amazon.awssdk.services.route53.model.InvalidInputException;

@ExtendWith(MotoExtension.class)
class Route53HealthCheckStatusTest {

    private Route53Client route53;
    private CloudWatchClient cloudWatch;
    private String alarm;

    @BeforeEach
    void clients(MotoServer moto) {
        route53 = Sdk.route53(moto);
        cloudWatch = Sdk.cloudWatch(moto, "us-west-2");
        alarm = "primary-unhealthy-" + System.nanoTime();
        cloudWatch.putMetricAlarm(b -> b.alarmName(alarm).namespace("Crossfade").metricName("Errors").statistic(Statistic.SUM)
                .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
    }

    @AfterEach
    void close() {
        route53.close();
        cloudWatch.close();
    }

    @Test
    void alarmFiring_shouldMakeTheMetricHealthCheckFailUntilItClears() {
        String check = createHealthCheck(alarmCheck(false));

        setAlarm(StateValue.ALARM);
        List<String> firing = statuses(check);
        setAlarm(StateValue.OK);
        List<String> cleared = statuses(check);

        assertTrue(firing.stream().allMatch(s -> s.startsWith("Failure")), firing::toString);
        assertTrue(cleared.stream().allMatch(s -> s.startsWith("Success")), cleared::toString);
    }

    @Test
    void invertedCheckOnFiringAlarm_shouldSucceed() {
        String check = createHealthCheck(alarmCheck(true));

        setAlarm(StateValue.ALARM);

        assertTrue(statuses(check).getFirst().startsWith("Success"), statuses(check)::toString);
    }

    @Test
    void alarmWithInsufficientDataConfiguredUnhealthy_shouldFail() {
        String check = createHealthCheck(alarmCheck(false).toBuilder().insufficientDataHealthStatus(InsufficientDataHealthStatus.UNHEALTHY).build());

        setAlarm(StateValue.INSUFFICIENT_DATA);

        assertTrue(statuses(check).getFirst().startsWith("Failure"), statuses(check)::toString);
    }

    @Test
    void metricHealthCheck_shouldReturnItsAlarmIdentifier() {
        String check = createHealthCheck(alarmCheck(false));

        HealthCheckConfig config = route53.getHealthCheck(b -> b.healthCheckId(check)).healthCheck().healthCheckConfig();

        assertEquals(alarm, config.alarmIdentifier().name());
        assertEquals(CloudWatchRegion.US_WEST_2, config.alarmIdentifier().region());
    }

    @Test
    void loopbackHttpEndpoint_shouldBeProbedForReal() throws IOException {
        AtomicInteger status = new AtomicInteger(200);
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        endpoint.start();
        try {
            String check = createHealthCheck(HealthCheckConfig.builder().type(HealthCheckType.HTTP).ipAddress("127.0.0.1")
                    .port(endpoint.getAddress().getPort()).resourcePath("/health").build());

            List<String> up = statuses(check);
            status.set(503);
            List<String> down = statuses(check);

            assertTrue(up.getFirst().startsWith("Success"), up::toString);
            assertTrue(down.getFirst().startsWith("Failure: HTTP Status Code 503"), down::toString);
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void calculatedHealthCheck_shouldBeRejectedAsOnAws() {
        String child = createHealthCheck(alarmCheck(false));
        String calculated = createHealthCheck(HealthCheckConfig.builder().type(HealthCheckType.CALCULATED)
                .childHealthChecks(child).healthThreshold(1).build());

        assertThrows(InvalidInputException.class, () -> route53.getHealthCheckStatus(b -> b.healthCheckId(calculated)));
    }

    private HealthCheckConfig alarmCheck(boolean inverted) {
        return HealthCheckConfig.builder().type(HealthCheckType.CLOUDWATCH_METRIC).inverted(inverted)
                .alarmIdentifier(a -> a.name(alarm).region(CloudWatchRegion.US_WEST_2)).build();
    }

    private String createHealthCheck(HealthCheckConfig config) {
        return route53.createHealthCheck(b -> b.callerReference(UUID.randomUUID().toString()).healthCheckConfig(config)).healthCheck().id();
    }

    private void setAlarm(StateValue state) {
        cloudWatch.setAlarmState(b -> b.alarmName(alarm).stateValue(state).stateReason("set by test"));
    }

    private List<String> statuses(String healthCheckId) {
        return route53.getHealthCheckStatus(b -> b.healthCheckId(healthCheckId)).healthCheckObservations().stream()
                .map(HealthCheckObservation::statusReport).map(r -> r.status()).toList();
    }
}
