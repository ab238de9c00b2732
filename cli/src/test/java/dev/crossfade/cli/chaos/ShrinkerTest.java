package dev.crossfade.cli.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.cli.drill.Fault;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ShrinkerTest {

    private static final Schedule.Step OUTAGE = new Schedule.Inject(Fault.REGION_OUTAGE, "us-east-1");
    private static final Schedule.Step HEAL = Schedule.Heal.of("us-east-1");

    /** "Breaks" when an outage of us-east-1 is followed by its heal after a wait of at least 100 s in between. */
    private static final Predicate<Schedule> BREAKS = s -> {
        int outage = s.steps().indexOf(OUTAGE);
        int heal = s.steps().indexOf(HEAL);
        long waited = outage < 0 || heal < outage ? 0 : s.steps().subList(outage, heal).stream()
                .filter(x -> x instanceof Schedule.Wait).mapToLong(x -> ((Schedule.Wait) x).seconds()).sum();
        return outage >= 0 && heal > outage && waited >= 100;
    };

    private static final Schedule FAILING = new Schedule(List.of(new Schedule.Inject(Fault.HEALTH, "eu-west-1"), new Schedule.AwaitSettled(),
            OUTAGE, new Schedule.Wait(800), new Schedule.AwaitSettled(), HEAL, new Schedule.Wait(30), Schedule.Heal.all(),
            new Schedule.AwaitSettled()));

    @Test
    void shrink_removesEveryStepNotNeeded_andShortensTheWaitWhileItStillBreaks() {
        Shrinker.Result r = Shrinker.shrink(FAILING, BREAKS, 100);
        assertEquals(List.of(OUTAGE, new Schedule.Wait(100), HEAL), r.schedule().steps());
        assertTrue(BREAKS.test(r.schedule()));
    }

    @Test
    void shrink_spendsAtMostItsBudget_andAlwaysReturnsASchedulThatBreaks() {
        AtomicInteger runs = new AtomicInteger();
        Shrinker.Result r = Shrinker.shrink(FAILING, s -> {
            runs.incrementAndGet();
            return BREAKS.test(s);
        }, 3);
        assertEquals(3, runs.get());
        assertEquals(3, r.runs());
        assertTrue(BREAKS.test(r.schedule()));
        assertTrue(r.schedule().steps().size() < FAILING.steps().size());
    }

    @Test
    void shrink_keepsTheScheduleWhenNothingSmallerBreaks() {
        Schedule minimal = new Schedule(List.of(OUTAGE, new Schedule.Wait(100), HEAL));
        assertEquals(minimal, Shrinker.shrink(minimal, BREAKS, 50).schedule());
    }
}
