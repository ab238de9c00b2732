package dev.crossfade.local.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A client of the application's database: writes sequenced rows at a steady rate to whichever
 * region the DNS answer points at (re-resolved every {@code resolveEvery}, as a client honouring a
 * short TTL), reads some of them back (every n-th write, the write before it), and records every acknowledged commit and every stale read.
 * {@link #finish(String)} compares that history with the final writer's table: nothing is computed
 * from a formula.
 */
public final class WriteLoad implements AutoCloseable {

    static final String TABLE = "crossfade_writes";

    /** A commit the writer acknowledged: sequence number, region, commit time (server clock, epoch ms), ack time (ms since start). */
    public record Ack(long seq, String region, long committedAtMillis, long ackedAtMillis) {}

    /** A read that did not find a write acknowledged before the read began. */
    public record StaleRead(long seq, String region, long atMillis) {}

    /** A write that got no acknowledgement (refused, failed, or cut off): at ms since start. */
    public record Failure(long atMillis, String region, String error) {}

    /**
     * What the history shows against the final writer.
     *
     * @param dataLossWindowMillis span of the lost writes' commit times (0 when at most one is lost)
     * @param writeUnavailableMillis the longest gap between two consecutive acknowledged writes
     */
    public record Result(long acknowledgedWrites, long lostWrites, long dataLossWindowMillis, long staleReads, long failedWrites,
                         long writeUnavailableMillis, String finalWriter, List<Long> lostSequence, List<Ack> acks) {}

    private final PostgresLab lab;
    private final Supplier<Optional<String>> dnsAnswer;
    private final Duration interval;
    private final Duration resolveEvery;
    private final int readEvery;
    private final long startNanos;
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final List<StaleRead> stale = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean stopped;
    private Thread worker;
    private final java.util.concurrent.atomic.AtomicReference<String> answer = new java.util.concurrent.atomic.AtomicReference<>();
    private Thread resolver;
    private String region;
    private Connection connection;

    /**
     * @param dnsAnswer  the region the application's name resolves to now (empty: no answer)
     * @param interval   time between two writes (the steady rate)
     * @param readEvery  every n-th write is followed by a read of the newest acknowledged row
     * @param startNanos {@link System#nanoTime()} of the run's start, for the ack times
     */
    public WriteLoad(PostgresLab lab, Supplier<Optional<String>> dnsAnswer, Duration interval, Duration resolveEvery, int readEvery,
                     long startNanos) {
        this.lab = lab;
        this.dnsAnswer = dnsAnswer;
        this.interval = interval;
        this.resolveEvery = resolveEvery;
        this.readEvery = readEvery;
        this.startNanos = startNanos;
    }

    /** Creates the table on {@code writer} (it reaches the replicas by replication) and starts writing. */
    public WriteLoad start(String writer) {
        lab.server(writer).execute("create table if not exists " + TABLE
                + " (seq bigint primary key, region text not null, committed_at timestamptz not null default clock_timestamp())");
        resolve();
        resolver = Thread.ofPlatform().daemon().name("crossfade-write-load-dns").start(() -> {
            while (!stopped) {
                LockSupport.parkNanos(resolveEvery.toNanos());
                resolve();
            }
        });
        worker = Thread.ofPlatform().daemon().name("crossfade-write-load").start(this::run);
        return this;
    }

    /** The resolver runs beside the writes, as a client's cached answer: a slow lookup never delays a write. */
    private void resolve() {
        try {
            dnsAnswer.get().ifPresent(answer::set);
        } catch (RuntimeException e) {
            // the resolver failed: the cached answer stands
        }
    }

    private void run() {
        long next = System.nanoTime();
        while (!stopped) {
            writeOnce();
            next += interval.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime(); // overran: keep the rate from here, no burst
            }
        }
        closeConnection();
    }

    private void writeOnce() {
        long seq = sequence.incrementAndGet();
        String target = target();
        if (target == null) {
            failures.add(new Failure(now(), null, "no DNS answer"));
            return;
        }
        try {
            Connection c = connection(target);
            try (PreparedStatement insert = c.prepareStatement("insert into " + TABLE + " (seq, region) values (?, ?) returning committed_at")) {
                insert.setLong(1, seq);
                insert.setString(2, target);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    acks.add(new Ack(seq, target, rs.getTimestamp(1).getTime(), now()));
                }
            }
            if (seq % readEvery == 0) {
                readBack(c, target);
            }
        } catch (SQLException | RuntimeException e) {
            failures.add(new Failure(now(), target, String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            closeConnection();
        }
    }

    /**
     * Reads back the write acknowledged before the one just made (a client reading what it wrote
     * a moment ago); its absence is a stale read.
     */
    private void readBack(Connection c, String target) throws SQLException {
        if (acks.size() < 2) {
            return;
        }
        Ack newest = acks.get(acks.size() - 2);
        try (PreparedStatement read = c.prepareStatement("select 1 from " + TABLE + " where seq = ?")) {
            read.setLong(1, newest.seq());
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    stale.add(new StaleRead(newest.seq(), target, now()));
                }
            }
        }
    }

    private String target() {
        String now = answer.get();
        if (now != null && !now.equals(region)) {
            closeConnection();
            region = now;
        }
        return region;
    }

    private Connection connection(String target) throws SQLException {
        if (connection == null) {
            connection = lab.server(target).connect();
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already broken
            }
            connection = null;
        }
    }

    private long now() {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    public List<Ack> acknowledged() {
        return List.copyOf(acks);
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    public List<StaleRead> staleReads() {
        return List.copyOf(stale);
    }

    /** Stops writing (waits for the write in flight). */
    public void stop() {
        stopped = true;
        if (resolver != null) {
            resolver.interrupt();
        }
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops, then compares every acknowledged write with the rows of {@code finalWriter}'s server. */
    public Result finish(String finalWriter) {
        stop();
        List<Ack> history = acknowledged();
        List<Ack> lost = lostFrom(history, finalWriter);
        long window = window(lost);
        long gap = 0;
        for (int i = 1; i < history.size(); i++) {
            gap = Math.max(gap, history.get(i).ackedAtMillis() - history.get(i - 1).ackedAtMillis());
        }
        List<Long> lostSeqs = new ArrayList<>(lost.stream().map(Ack::seq).toList());
        return new Result(history.size(), lost.size(), window, stale.size(), failures.size(), gap, finalWriter, lostSeqs, history);
    }

    /**
     * The writes acknowledged so far that {@code writer}'s server lacks, while the load keeps running
     * (the history is taken before the rows are read, so a write in flight is not counted).
     */
    public List<Ack> lost(String writer) {
        return lostFrom(acknowledged(), writer);
    }

    /** The span of the commit times of {@code lost} (0 when at most one). */
    /**
     * The lost writes split into incidents: a new group starts where two consecutive lost writes'
     * commit times lie more than {@code gapMillis} apart (writes one promotion lost lie within the
     * replica's lag before it; another incident's, minutes away).
     */
    public static List<List<Ack>> groups(List<Ack> lost, long gapMillis) {
        List<Ack> sorted = lost.stream().sorted(java.util.Comparator.comparingLong(Ack::committedAtMillis)).toList();
        List<List<Ack>> groups = new java.util.ArrayList<>();
        for (Ack a : sorted) {
            if (groups.isEmpty() || a.committedAtMillis() - groups.getLast().getLast().committedAtMillis() > gapMillis) {
                groups.add(new java.util.ArrayList<>());
            }
            groups.getLast().add(a);
        }
        return groups;
    }

    public static long window(List<Ack> lost) {
        return lost.isEmpty() ? 0 : lost.stream().mapToLong(Ack::committedAtMillis).max().getAsLong()
                - lost.stream().mapToLong(Ack::committedAtMillis).min().getAsLong();
    }

    private List<Ack> lostFrom(List<Ack> history, String writer) {
        Set<Long> present = new HashSet<>();
        try (Connection c = lab.server(writer).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select seq from " + TABLE)) {
            while (rs.next()) {
                present.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new PostgresCommandException("cannot read the writer " + writer + "'s rows: " + e.getMessage(), e);
        }
        return history.stream().filter(a -> !present.contains(a.seq())).toList();
    }

    @Override
    public void close() {
        stop();
    }
}
