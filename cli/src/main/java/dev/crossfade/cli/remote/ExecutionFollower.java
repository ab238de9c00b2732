package dev.crossfade.cli.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Follows one execution to its end: DescribeExecution, then GetExecutionHistory, handing each new
 * history event to a listener, with a backoff that starts short (a step takes seconds) and grows
 * to {@link #MAX_PAUSE} while nothing happens (a promotion takes minutes).
 */
public final class ExecutionFollower {

    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    /** The execution at its end (or when following timed out), with its whole history. */
    public record Followed(DescribeExecutionResponse execution, List<HistoryEvent> history, boolean timedOut) {
        public Followed {
            history = List.copyOf(history);
        }
    }

    private final SfnClient sfn;
    private final Sleeper sleeper;
    private final LongSupplier nanos;
    private final Duration timeout;

    public ExecutionFollower(SfnClient sfn, Sleeper sleeper, LongSupplier nanos, Duration timeout) {
        this.sfn = Objects.requireNonNull(sfn, "sfn");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public Followed follow(String executionArn, Consumer<HistoryEvent> listener) {
        long deadline = nanos.getAsLong() + timeout.toNanos();
        long seen = 0;
        Duration pause = FIRST_PAUSE;
        while (true) {
            // describe first: once it says finished, the history read after it is complete
            DescribeExecutionResponse execution = AccountCalls.call("describe the execution",
                    () -> sfn.describeExecution(DescribeExecutionRequest.builder().executionArn(executionArn).build()));
            List<HistoryEvent> history = history(executionArn);
            boolean news = false;
            for (HistoryEvent event : history) {
                if (event.id() > seen) {
                    listener.accept(event);
                    seen = event.id();
                    news = true;
                }
            }
            boolean running = execution.status() == ExecutionStatus.RUNNING || execution.status() == ExecutionStatus.PENDING_REDRIVE;
            if (!running) {
                return new Followed(execution, history, false);
            }
            if (nanos.getAsLong() - deadline > 0) {
                return new Followed(execution, history, true);
            }
            pause = news ? FIRST_PAUSE : min(pause.multipliedBy(2), MAX_PAUSE);
            pause(pause);
        }
    }

    private List<HistoryEvent> history(String executionArn) {
        return AccountCalls.call("read the execution history", () -> {
            List<HistoryEvent> events = new ArrayList<>();
            sfn.getExecutionHistoryPaginator(GetExecutionHistoryRequest.builder().executionArn(executionArn)
                    .maxResults(1000).build()).events().forEach(events::add);
            return events;
        });
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following the execution", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
