package dev.crossfade.functions.workflow.plan;

/** A plan was asked for with a bad region or mode; the message names the bad value. */
public final class PlanInputException extends IllegalArgumentException {
    public PlanInputException(String message) {
        super(message);
    }
}
