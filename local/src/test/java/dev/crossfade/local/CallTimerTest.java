package dev.crossfade.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.MotoExtension;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.functions.aws.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The drill's timer of AWS calls, on real calls to moto over HTTP. */
@ExtendWith(MotoExtension.class)
class CallTimerTest {

    @Test
    void calls_shouldBeTimedAndNoteTheThreadThatMadeThem(MotoServer moto) throws Exception {
        CallTimer timer = new CallTimer();
        AwsClients clients = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                region -> Optional.of(moto.endpoint()), List.of(timer));
        DynamoDbClient dynamo = clients.get(dev.crossfade.functions.workflow.state.StateServices.DYNAMODB, "eu-west-1");
        Instant before = Instant.now();

        dynamo.listTables();
        assertThrows(ResourceNotFoundException.class, () -> dynamo.describeTable(b -> b.tableName("no-such-table")));
        AtomicLong other = new AtomicLong();
        Thread thread = Thread.ofVirtual().start(() -> {
            other.set(Thread.currentThread().threadId());
            dynamo.listTables();
        });
        thread.join();

        List<CallTimer.Call> calls = timer.calls();
        assertEquals(3, calls.size(), calls.toString());
        List<CallTimer.Call> mine = CallTimer.on(calls, Thread.currentThread().threadId());
        assertEquals(List.of("ListTables", "DescribeTable"), mine.stream().map(CallTimer.Call::operation).toList(), "a failed call counts too");
        assertEquals("DynamoDb", mine.getFirst().service());
        assertEquals("eu-west-1", mine.getFirst().region());
        assertEquals(List.of(false, true), mine.stream().map(CallTimer.Call::failed).toList());
        assertEquals(List.of("ListTables"), CallTimer.on(calls, other.get()).stream().map(CallTimer.Call::operation).toList());
        for (CallTimer.Call c : calls) {
            assertTrue(c.nanos() > 0 && !c.start().isBefore(before) && !c.end().isAfter(Instant.now()), c.toString());
        }
        Duration all = CallTimer.within(mine, before, Instant.now());
        assertEquals(Duration.ofNanos(mine.stream().mapToLong(CallTimer.Call::nanos).sum()), all, "a window around them holds them whole");
        assertEquals(Duration.ZERO, CallTimer.within(mine, before.minusSeconds(10), before), "a window before them holds nothing");
    }

    @Test
    void within_shouldClipEachCallToTheWindow() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<CallTimer.Call> calls = List.of(new CallTimer.Call(1, "S", "A", "r", t0, 100_000_000L, false),
                new CallTimer.Call(1, "S", "B", "r", t0.plusMillis(150), 100_000_000L, false), new CallTimer.Call(1, "S", "C", "r", t0.plusMillis(400), 10_000_000L, false));

        assertEquals(Duration.ofMillis(50 + 50), CallTimer.within(calls, t0.plusMillis(50), t0.plusMillis(200)));
    }
}
