package dev.crossfade.cli.remote;

import dev.crossfade.cli.BadInputException;
import dev.crossfade.cli.RefusedException;
import dev.crossfade.cli.drill.DrillClock;
import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.TimeScale;
import dev.crossfade.cli.drill.TimelinePrinter;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/**
 * A workflow run in a real account: starts {@code <project>-<environment>-failover} in the region
 * being activated, follows it with live progress lines and prints the phase timeline at the end.
 *
 * <p>Commands call {@link #execute}; the pieces ({@link #start}, {@link #follow}) are public for
 * callers that need them apart. Exit codes: 0 succeeded; 3 stopped safely by a guard (or not
 * confirmed); 1 failed otherwise, or still running at the timeout. Bad regions and a workflow not
 * deployed throw {@link BadInputException} (exit 2).
 */
public final class RemoteRun implements AutoCloseable {

    /** The workflow's own timeout is 2 h; follow a little longer so its own end is seen. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(125);

    /** A started execution. */
    public record Started(RunRequest request, String region, String executionArn) {}

    /** What a followed run ended as: the report (timeline) and the exit code. */
    public record Outcome(DrillReport report, ExecutionFollower.Followed run, int exitCode) {}

    private final Topology topology;
    private final SfnClients sfn;
    private final PrintWriter out;
    private final Sleeper sleeper;
    private final Duration timeout;

    public RemoteRun(Topology topology, SfnClients sfn, PrintWriter out, Sleeper sleeper, Duration timeout) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.sfn = Objects.requireNonNull(sfn, "sfn");
        this.out = Objects.requireNonNull(out, "out");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Default credentials, real sleeps, the default timeout. */
    public static RemoteRun connect(Topology topology, EndpointOption endpoint, PrintWriter out) {
        return connect(topology, endpoint.endpoint(), DefaultCredentialsProvider.builder().build(), out);
    }

    public static RemoteRun connect(Topology topology, Optional<java.net.URI> endpoint, AwsCredentialsProvider credentials,
                                    PrintWriter out) {
        return new RemoteRun(topology, new SfnClients(credentials, endpoint), out, Sleeper.SYSTEM, DEFAULT_TIMEOUT);
    }

    /**
     * The whole command: confirm (unless {@code --yes} or a dry run), start, follow, print the
     * timeline; returns the exit code. A missing-credentials or network problem prints its hint
     * on {@code err} and returns 1.
     */
    public static int execute(Topology topology, WorkflowMode mode, RegionChoice regions, RunOptions options,
                              Confirmer confirmer, PrintWriter out, PrintWriter err) {
        return execute(topology, mode, regions, options, confirmer, out, err, null);
    }

    /** As above; once the run ends, its report is written where {@code files} says (null: nowhere). */
    public static int execute(Topology topology, WorkflowMode mode, RegionChoice regions, RunOptions options,
                              Confirmer confirmer, PrintWriter out, PrintWriter err, ReportFiles files) {
        RunRequest request = RunRequest.of(mode, regions.from(), regions.to(),
                options.reason(defaultReason(mode)), Clock.systemUTC().instant());
        if (mode != WorkflowMode.DRY_RUN && !options.yes()) {
            confirm(topology, request, confirmer);
        }
        try (RemoteRun run = connect(topology, options.endpoint(), out)) {
            Started started = run.start(request);
            Outcome outcome = run.follow(started);
            if (files != null) {
                files.write(topology, started, outcome, out);
            }
            return outcome.exitCode();
        } catch (AwsAccessException e) {
            return e.reportTo(err);
        }
    }

    /**
     * The real-account drill ({@code crossfade drill} without {@code --local}): a planned
     * switchover, or with {@code dryRun} the workflow's dry run, which changes nothing and returns
     * the plan.
     */
    public static int drill(Topology topology, Optional<String> from, Optional<String> to, boolean dryRun,
                            RunOptions options, PrintWriter out, PrintWriter err) {
        return drill(topology, from, to, dryRun, options, out, err, null);
    }

    /** As above, writing the run's report where {@code files} says (null: nowhere). */
    public static int drill(Topology topology, Optional<String> from, Optional<String> to, boolean dryRun,
                            RunOptions options, PrintWriter out, PrintWriter err, ReportFiles files) {
        return execute(topology, dryRun ? WorkflowMode.DRY_RUN : WorkflowMode.SWITCHOVER,
                RegionChoice.awayFrom(topology, from, to), options, Confirmer.TERMINAL, out, err, files);
    }

    /** Starts the execution in the target region; nothing is started when the workflow is not deployed there. */
    public Started start(RunRequest request) {
        String region = request.to();
        String arn = new StateMachines(topology, sfn).arn(region);
        out.printf("Starting %s of %s: %s -> %s%n  state machine %s%n  execution    %s%n", request.mode().key(),
                topology.name(), request.from(), request.to(), arn, request.name());
        out.flush();
        try {
            String executionArn = AccountCalls.call("start the execution in " + region, () -> sfn.in(region)
                    .startExecution(StartExecutionRequest.builder().stateMachineArn(arn).name(request.name())
                            .input(request.inputJson()).build())
                    .executionArn());
            return new Started(request, region, executionArn);
        } catch (ExecutionAlreadyExistsException e) {
            throw new RefusedException("an execution named " + request.name() + " already ran in " + region
                    + " this minute; nothing new was started (see `crossfade status`)");
        }
    }

    /** Follows a started run to its end with live progress lines, then prints the timeline. */
    public Outcome follow(Started started) {
        TimelinePrinter printer = new TimelinePrinter(out, DrillClock.startNow(TimeScale.REAL_TIME));
        ExecutionFollower follower = new ExecutionFollower(sfn.in(started.region()), sleeper, System::nanoTime, timeout);
        ProgressLines[] lines = new ProgressLines[1];
        ExecutionFollower.Followed run = follower.follow(started.executionArn(), event -> {
            if (lines[0] == null) {
                // the first event is ExecutionStarted: its time is the timeline's zero
                lines[0] = new ProgressLines(printer, event.timestamp());
            }
            lines[0].accept(event);
        });
        DrillReport report = RunTimeline.report(topology, started.request(), run, printer.events());
        return new Outcome(report, run, new RunSummary(out, timeout).print(started, run, report, printer));
    }

    private static void confirm(Topology topology, RunRequest request, Confirmer confirmer) {
        String question = "This starts a " + request.mode().key() + " of " + topology.name() + " from " + request.from()
                + " to " + request.to() + " in the account. Type the target region (" + request.to() + ") to confirm: ";
        String answer = confirmer.ask(question).orElseThrow(() -> new BadInputException(
                "no terminal to confirm on: pass --yes to start a " + request.mode().key() + " of " + topology.name()
                        + " from " + request.from() + " to " + request.to()));
        if (!answer.equals(request.to())) {
            throw new RefusedException("not confirmed (typed '" + answer + "', expected '" + request.to() + "'); nothing started");
        }
    }

    private static String defaultReason(WorkflowMode mode) {
        return switch (mode) {
            case FAILOVER -> "manual failover (crossfade CLI)";
            case SWITCHOVER -> "planned drill (crossfade CLI)";
            case FAILBACK -> "failback (crossfade CLI)";
            case DRY_RUN -> "dry-run drill (crossfade CLI)";
        };
    }

    @Override
    public void close() {
        sfn.close();
    }
}
