package dev.crossfade.cli.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.BadInputException;
import dev.crossfade.cli.Main;
import dev.crossfade.cli.RefusedException;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * {@code crossfade approve} / {@code reject}: finds the run waiting for a person
 * ({@link WaitingRuns}), shows what the answer decides (lag, budget, target), asks for the target
 * region to be typed (unless {@code --yes}), then answers with SendTaskSuccess
 * ({@code {"approvedBy","reason","approvedAt"}}, kept in the run record) or SendTaskFailure
 * (error {@code ApprovalRefused}, cause naming who and why). An approved run is followed to its end.
 */
public final class ApprovalAnswer {

    /** The error a refusal ends AwaitApproval with; a guard error (docs/operations.md). */
    public static final String REFUSED_ERROR = "ApprovalRefused";

    private final Topology topology;
    private final boolean approve;
    private final PrintWriter out;
    private final Clock clock;

    public ApprovalAnswer(Topology topology, boolean approve, PrintWriter out, Clock clock) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.approve = approve;
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The whole command; returns the exit code. */
    public int answer(SfnClients sfn, Optional<String> run, String by, Optional<String> reason, boolean yes,
                      Confirmer confirmer, RemoteRun follower) {
        WaitingRuns.Waiting waiting = new WaitingRuns(topology, sfn).choose(run);
        describe(waiting);
        if (!yes) {
            confirm(waiting, confirmer);
        }
        String why = reason.filter(r -> !r.isBlank()).orElse(approve ? "approved with crossfade approve" : "refused with crossfade reject");
        try {
            if (approve) {
                String output = new ObjectMapper().createObjectNode().put("approvedBy", by).put("reason", why)
                        .put("approvedAt", clock.instant().toString()).toString();
                AccountCalls.call("approve " + waiting.name(), () -> sfn.in(waiting.region()).sendTaskSuccess(SendTaskSuccessRequest.builder()
                        .taskToken(waiting.taskToken()).output(output).build()));
            } else {
                String cause = "refused by " + by + ": " + why;
                AccountCalls.call("refuse " + waiting.name(), () -> sfn.in(waiting.region()).sendTaskFailure(SendTaskFailureRequest.builder()
                        .taskToken(waiting.taskToken()).error(REFUSED_ERROR).cause(cause.length() > 32768 ? cause.substring(0, 32768) : cause)
                        .build()));
            }
        } catch (TaskTimedOutException | TaskDoesNotExistException e) {
            throw new RefusedException("run " + waiting.name() + " no longer waits (its approval window closed, or someone answered first); "
                    + "nothing was sent (see `crossfade status`)");
        }
        out.printf("%s %s as %s: %s%n", approve ? "Approved" : "Refused", waiting.name(), by, why);
        out.flush();
        if (!approve) {
            out.println("The run stops safely (nothing promoted); its run record names the refusal.");
            out.flush();
            return Main.OK;
        }
        RunRequest request = new RunRequest(WorkflowMode.of(waiting.mode() == null ? "failover" : waiting.mode()),
                waiting.from(), waiting.to(), why, waiting.name());
        return follower.follow(new RemoteRun.Started(request, waiting.region(), waiting.executionArn())).exitCode();
    }

    private void describe(WaitingRuns.Waiting w) {
        out.printf("Run %s in %s waits for a person since %s (incident %s)%n", w.name(), w.region(), w.since(),
                w.incidentId() == null ? "?" : w.incidentId());
        out.printf("  %s %s -> %s: promote %s's replica and move traffic to %s%n", w.mode() == null ? "failover" : w.mode(),
                w.from(), w.to(), w.to(), w.to());
        out.printf("  replica lag %s s, RPO budget %s s: approving accepts losing up to %s s of writes%n",
                w.lagSeconds() == null ? "unknown" : String.format(Locale.ROOT, "%.1f", w.lagSeconds()),
                w.rpoBudgetSeconds() == null ? "?" : w.rpoBudgetSeconds(),
                w.lagSeconds() == null ? "an unknown number of" : String.format(Locale.ROOT, "%.1f", w.lagSeconds()));
        w.deadline().ifPresent(d -> out.printf("  without an answer the run stops (refused) at %s%n", d));
        out.flush();
    }

    private void confirm(WaitingRuns.Waiting w, Confirmer confirmer) {
        String verb = approve ? "approve" : "refuse";
        String question = "Type the target region (" + w.to() + ") to " + verb + " this failover: ";
        String answer = confirmer.ask(question).orElseThrow(() -> new BadInputException(
                "no terminal to confirm on: pass --yes to " + verb + " run " + w.name()));
        if (!answer.equals(w.to())) {
            throw new RefusedException("not confirmed (typed '" + answer + "', expected '" + w.to() + "'); nothing was sent");
        }
    }
}
