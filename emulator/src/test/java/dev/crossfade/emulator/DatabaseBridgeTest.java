package dev.crossfade.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.testutils.Sdk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.Parameter;

/** moto's RDS asks the database bridge before it records a change (patch_rds_servers), over HTTP. */
class DatabaseBridgeTest {

    private static final List<String> calls = new CopyOnWriteArrayList<>();
    private static volatile RuntimeException answer;
    private static DatabaseBridge bridge;
    private static MotoServer moto;
    private RdsClient east;
    private RdsClient west;

    @BeforeAll
    static void start() {
        bridge = DatabaseBridge.start((action, params) -> {
            calls.add(action + " " + new java.util.TreeMap<>(params));
            if (answer != null) {
                throw answer;
            }
        });
        moto = MotoServer.start(bridge.motoEnvironment());
    }

    @AfterAll
    static void stop() {
        moto.close();
        bridge.close();
    }

    @BeforeEach
    void reset() {
        moto.reset();
        calls.clear();
        answer = null;
        east = Sdk.rds(moto, "us-east-1");
        west = Sdk.rds(moto, "eu-west-1");
    }

    @Test
    void createdInstanceAndReplica_shouldBeCreatingUntilTheirServersAreUp() {
        String arn = east.createDBInstance(b -> b.dbInstanceIdentifier("db").engine("postgres").dbInstanceClass("db.r5.large")
                .allocatedStorage(20).masterUsername("u").masterUserPassword("p4ssword1")).dbInstance().dbInstanceArn();
        await(() -> status(east, "db").equals("available"));
        west.createDBInstanceReadReplica(b -> b.dbInstanceIdentifier("db").sourceDBInstanceIdentifier(arn));
        await(() -> status(west, "db").equals("available"));

        assertEquals(List.of("create-writer {instance=db, region=us-east-1}",
                "create-replica {instance=db, region=eu-west-1, source=us-east-1}"), calls);
    }

    @Test
    void serverThatCannotStart_shouldLeaveTheInstanceFailed() {
        answer = new IllegalStateException("no disk");

        east.createDBInstance(b -> b.dbInstanceIdentifier("db").engine("postgres").dbInstanceClass("db.r5.large")
                .allocatedStorage(20).masterUsername("u").masterUserPassword("p4ssword1"));

        await(() -> status(east, "db").equals("failed"));
    }

    @Test
    void refusedFence_shouldFailTheCallAndLeaveTheParameterAsItWas() {
        east.createDBParameterGroup(b -> b.dbParameterGroupName("pg").dbParameterGroupFamily("postgres15").description("x"));
        east.createDBInstance(b -> b.dbInstanceIdentifier("db").engine("postgres").dbInstanceClass("db.r5.large")
                .allocatedStorage(20).masterUsername("u").masterUserPassword("p4ssword1").dbParameterGroupName("pg"));
        await(() -> status(east, "db").equals("available"));
        answer = new DatabaseBridge.Refused("the database server in us-east-1 is down");

        InvalidDbInstanceStateException refused = assertThrows(InvalidDbInstanceStateException.class, () -> readOnly("on"));

        assertTrue(refused.getMessage().contains("is down"), refused.getMessage());
        assertEquals(Map.of(), east.describeDBParameters(b -> b.dbParameterGroupName("pg")).parameters().stream()
                .filter(p -> p.parameterName().equals("default_transaction_read_only") && "on".equals(p.parameterValue()))
                .collect(java.util.stream.Collectors.toMap(Parameter::parameterName, Parameter::parameterValue)));
        answer = null;
        readOnly("on");
        assertTrue(calls.contains("parameter {instance=db, name=default_transaction_read_only, region=us-east-1, value=on}"), calls.toString());
    }

    private void readOnly(String value) {
        east.modifyDBParameterGroup(b -> b.dbParameterGroupName("pg").parameters(Parameter.builder()
                .parameterName("default_transaction_read_only").parameterValue(value).applyMethod(ApplyMethod.IMMEDIATE).build()));
    }

    private static String status(RdsClient rds, String id) {
        return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().getFirst().dbInstanceStatus();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 20 s; bridge calls: " + calls);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
