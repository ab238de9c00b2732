package dev.crossfade.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.testutils.Sdk;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.globalaccelerator.model.AcceleratorNotFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.AcceleratorStatus;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointDescription;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointGroup;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointGroupNotFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.InvalidArgumentException;
import software.amazon.awssdk.services.globalaccelerator.model.Protocol;

@ExtendWith(MotoExtension.class)
class GlobalAcceleratorStandInTest {

    private static final String PRIMARY_ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1";
    private static final String SECONDARY_ALB = "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/web/2";

    private MotoServer moto;
    private GlobalAcceleratorClient ga;

    @BeforeEach
    void client(MotoServer moto) {
        this.moto = moto;
        ga = Sdk.globalAccelerator(moto);
    }

    @AfterEach
    void close() {
        ga.close();
    }

    @Test
    void acceleratorWithListenerAndTwoRegions_shouldBeDescribedAndListed() {
        Setup setup = createActivePassive();

        var accelerator = ga.describeAccelerator(b -> b.acceleratorArn(setup.accelerator)).accelerator();
        List<EndpointGroup> groups = ga.listEndpointGroups(b -> b.listenerArn(setup.listener)).endpointGroups();

        assertEquals(AcceleratorStatus.DEPLOYED, accelerator.status());
        assertEquals(2, accelerator.ipSets().getFirst().ipAddresses().size());
        assertTrue(ga.listAccelerators(b -> {}).accelerators().stream().anyMatch(a -> a.acceleratorArn().equals(setup.accelerator)));
        assertEquals(setup.listener, ga.listListeners(b -> b.acceleratorArn(setup.accelerator)).listeners().getFirst().listenerArn());
        assertEquals(Map.of("us-east-1", 100.0f, "us-west-2", 0.0f),
                groups.stream().collect(Collectors.toMap(EndpointGroup::endpointGroupRegion, EndpointGroup::trafficDialPercentage)));
    }

    @Test
    void trafficDialUpdates_shouldMoveTrafficBetweenRegions() {
        Setup setup = createActivePassive();

        ga.updateEndpointGroup(b -> b.endpointGroupArn(setup.primaryGroup).trafficDialPercentage(0f));
        ga.updateEndpointGroup(b -> b.endpointGroupArn(setup.secondaryGroup).trafficDialPercentage(100f));

        assertEquals(0f, describe(setup.primaryGroup).trafficDialPercentage());
        assertEquals(100f, describe(setup.secondaryGroup).trafficDialPercentage());
    }

    @Test
    void endpointConfigurations_shouldReplaceAllEndpointsOfTheGroup() {
        Setup setup = createActivePassive();
        String other = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/3";

        ga.updateEndpointGroup(b -> b.endpointGroupArn(setup.primaryGroup)
                .endpointConfigurations(c -> c.endpointId(other).weight(0)));

        List<EndpointDescription> endpoints = describe(setup.primaryGroup).endpointDescriptions();
        assertEquals(1, endpoints.size());
        assertEquals(other, endpoints.getFirst().endpointId());
        assertEquals(0, endpoints.getFirst().weight());
    }

    @Test
    void dialAbove100_shouldFailWithInvalidArgumentAndLeaveTheGroupUnchanged() {
        Setup setup = createActivePassive();

        InvalidArgumentException error = assertThrows(InvalidArgumentException.class,
                () -> ga.updateEndpointGroup(b -> b.endpointGroupArn(setup.primaryGroup).trafficDialPercentage(150f)
                        .endpointConfigurations(c -> c.endpointId(SECONDARY_ALB))));

        assertEquals(400, error.statusCode());
        assertTrue(error.getMessage().contains("TrafficDialPercentage"), error.getMessage());
        assertEquals(100f, describe(setup.primaryGroup).trafficDialPercentage());
        assertEquals(PRIMARY_ALB, describe(setup.primaryGroup).endpointDescriptions().getFirst().endpointId());
    }

    @Test
    void unknownArns_shouldFailWithNotFoundErrors() {
        String missing = "arn:aws:globalaccelerator::123456789012:accelerator/" + UUID.randomUUID();

        assertThrows(AcceleratorNotFoundException.class, () -> ga.describeAccelerator(b -> b.acceleratorArn(missing)));
        assertThrows(EndpointGroupNotFoundException.class, () -> ga.updateEndpointGroup(
                b -> b.endpointGroupArn(missing + "/listener/0/endpoint-group/0").trafficDialPercentage(0f)));
    }

    @Test
    void flowLogs_shouldBeStoredAndRequireABucket() {
        Setup setup = createActivePassive();

        ga.updateAcceleratorAttributes(b -> b.acceleratorArn(setup.accelerator).flowLogsEnabled(true)
                .flowLogsS3Bucket("crossfade-flow-logs").flowLogsS3Prefix("ga/"));
        var attributes = ga.describeAcceleratorAttributes(b -> b.acceleratorArn(setup.accelerator)).acceleratorAttributes();

        assertTrue(attributes.flowLogsEnabled());
        assertEquals("crossfade-flow-logs", attributes.flowLogsS3Bucket());
        assertThrows(InvalidArgumentException.class, () -> ga.updateAcceleratorAttributes(
                b -> b.acceleratorArn(setup.accelerator).flowLogsEnabled(true).flowLogsS3Bucket("")));
    }

    @Test
    void motoReset_shouldForgetAccelerators() {
        Setup setup = createActivePassive();

        moto.reset();

        assertFalse(ga.listAccelerators(b -> {}).accelerators().stream().anyMatch(a -> a.acceleratorArn().equals(setup.accelerator)));
    }

    private record Setup(String accelerator, String listener, String primaryGroup, String secondaryGroup) {
    }

    private Setup createActivePassive() {
        String accelerator = ga.createAccelerator(b -> b.name("crossfade").idempotencyToken(UUID.randomUUID().toString()))
                .accelerator().acceleratorArn();
        String listener = ga.createListener(b -> b.acceleratorArn(accelerator).protocol(Protocol.TCP)
                .portRanges(p -> p.fromPort(443).toPort(443)).idempotencyToken(UUID.randomUUID().toString())).listener().listenerArn();
        String primary = ga.createEndpointGroup(b -> b.listenerArn(listener).endpointGroupRegion("us-east-1")
                .endpointConfigurations(c -> c.endpointId(PRIMARY_ALB).weight(128)).idempotencyToken(UUID.randomUUID().toString()))
                .endpointGroup().endpointGroupArn();
        String secondary = ga.createEndpointGroup(b -> b.listenerArn(listener).endpointGroupRegion("us-west-2").trafficDialPercentage(0f)
                .endpointConfigurations(c -> c.endpointId(SECONDARY_ALB).weight(128)).idempotencyToken(UUID.randomUUID().toString()))
                .endpointGroup().endpointGroupArn();
        return new Setup(accelerator, listener, primary, secondary);
    }

    private EndpointGroup describe(String arn) {
        return ga.describeEndpointGroup(b -> b.endpointGroupArn(arn)).endpointGroup();
    }
}
