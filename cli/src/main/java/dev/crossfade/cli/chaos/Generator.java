package dev.crossfade.cli.chaos;

import dev.crossfade.cli.drill.Fault;
import dev.crossfade.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Random schedules from a seed (docs/chaos.md "The generator"): the same seed and topology always
 * give the same schedule. Each schedule is one incident pattern, drawn with equal weight, on
 * regions drawn from the topology, with short random waits, and ends with {@code heal all} and
 * {@code await settled}; at most {@link #MAX_STEPS} steps.
 */
public final class Generator {

    public static final int MAX_STEPS = 12;

    /** The incident patterns, by name (docs/chaos.md lists what each does). */
    public enum Pattern { FAILOVER, SUCCESSIVE, FAILBACK, STANDBY, FLAP, LAG_DURING_RUN, PARTITION_BETWEEN, RANDOM }

    private final Topology topology;
    private final List<String> regions;

    public Generator(Topology topology) {
        this.topology = topology;
        this.regions = topology.enabledRegions().stream().map(Topology.Region::name).toList();
    }

    /** The schedule of {@code seed}, with the pattern it follows. */
    public Schedule schedule(long seed) {
        return generate(seed).schedule();
    }

    public record Generated(Pattern pattern, Schedule schedule) {}

    public Generated generate(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed); // mixes the seed: consecutive seeds give unrelated schedules
        Pattern pattern = Pattern.values()[rnd.nextInt(Pattern.values().length)];
        List<Schedule.Step> s = new ArrayList<>();
        String primary = topology.primaryRegion().name();
        String next = regions.size() > 1 ? regions.get(1) : primary; // the best-priority standby: the expected new writer
        long cooldown = topology.failover().cooldownMinutes() * 60L;
        switch (pattern) {
            case FAILOVER -> {
                s.add(new Schedule.Inject(pick(rnd, Fault.REGION_OUTAGE, Fault.HEALTH, Fault.PARTITION), primary));
                s.add(new Schedule.AwaitSettled());
                s.add(new Schedule.Wait(rnd.nextInt(60)));
                s.add(Schedule.Heal.of(primary));
            }
            case SUCCESSIVE -> {
                s.add(new Schedule.Inject(pick(rnd, Fault.REGION_OUTAGE, Fault.HEALTH), primary));
                s.add(new Schedule.AwaitSettled());
                s.add(new Schedule.Wait(cooldown + rnd.nextInt(60)));
                s.add(new Schedule.Inject(pick(rnd, Fault.REGION_OUTAGE, Fault.HEALTH), next));
                s.add(new Schedule.AwaitSettled());
            }
            case FAILBACK -> {
                s.add(new Schedule.Inject(pick(rnd, Fault.REGION_OUTAGE, Fault.HEALTH), primary));
                s.add(new Schedule.AwaitSettled());
                s.add(Schedule.Heal.of(primary));
                s.add(new Schedule.AwaitSettled());
                // the operator's failback to the old primary (with two regions the only way back: after the
                // failover it follows nobody, so no detector may pick it), or, with more, sometimes the detectors' way
                if (regions.size() == 2 || rnd.nextBoolean()) {
                    s.add(new Schedule.Failback(primary));
                    s.add(new Schedule.AwaitSettled());
                }
                s.add(new Schedule.Wait(cooldown + rnd.nextInt(60)));
                s.add(new Schedule.Inject(Fault.HEALTH, next)); // then the other writer-to-be fails
                s.add(new Schedule.AwaitSettled());
            }
            case STANDBY -> {
                String standby = other(rnd, primary);
                s.add(new Schedule.Inject(pick(rnd, Fault.REGION_OUTAGE, Fault.HEALTH, Fault.PARTITION), standby));
                s.add(new Schedule.AwaitSettled());
                s.add(Schedule.Heal.of(standby));
            }
            case FLAP -> {
                String region = regions.get(rnd.nextInt(regions.size()));
                s.add(new Schedule.Inject(Fault.FLAP, region));
                s.add(new Schedule.Wait(60 + rnd.nextInt(240)));
                s.add(Schedule.Heal.of(region));
            }
            case LAG_DURING_RUN -> {
                s.add(new Schedule.Inject(Fault.REPLICATION_LAG, next));
                s.add(new Schedule.Wait(10 + rnd.nextInt(50)));
                s.add(new Schedule.Inject(Fault.REGION_OUTAGE, primary));
                s.add(new Schedule.AwaitSettled());
            }
            case PARTITION_BETWEEN -> {
                String a = regions.get(rnd.nextInt(regions.size()));
                String b = other(rnd, a);
                s.add(new Schedule.Inject(Fault.PARTITION, a, regions.size() > 2 ? Optional.of(b) : Optional.empty()));
                s.add(new Schedule.Wait(rnd.nextInt(120)));
                s.add(new Schedule.AwaitSettled());
                s.add(Schedule.Heal.of(a));
            }
            case RANDOM -> {
                int faults = 1 + rnd.nextInt(3);
                for (int i = 0; i < faults; i++) {
                    String region = regions.get(rnd.nextInt(regions.size()));
                    s.add(new Schedule.Inject(pick(rnd, Fault.values()), region));
                    s.add(rnd.nextBoolean() ? new Schedule.AwaitSettled() : new Schedule.Wait(rnd.nextInt(120)));
                    if (rnd.nextBoolean()) {
                        s.add(Schedule.Heal.of(region));
                    }
                }
            }
        }
        s.add(Schedule.Heal.all());
        s.add(new Schedule.AwaitSettled());
        return new Generated(pattern, new Schedule(s.size() > MAX_STEPS ? s.subList(s.size() - MAX_STEPS, s.size()) : s));
    }

    private String other(SplittableRandom rnd, String not) {
        List<String> others = regions.stream().filter(r -> !r.equals(not)).toList();
        return others.isEmpty() ? not : others.get(rnd.nextInt(others.size()));
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom rnd, T... options) {
        return options[rnd.nextInt(options.length)];
    }
}
