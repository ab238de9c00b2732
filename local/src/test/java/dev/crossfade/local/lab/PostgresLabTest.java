package dev.crossfade.local.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.Poll;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every lab operation on real PostgreSQL servers (the machine's PostgreSQL 15, found by {@link PostgresInstall}). */
class PostgresLabTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private PostgresLab lab;

    @BeforeEach
    void start() {
        lab = PostgresLab.start("us-east-1", List.of("eu-west-1"));
        lab.server("us-east-1").execute("create table t (id bigint primary key)");
        // the replica is a cross-region link away (RegionLatency): the table reaches it a moment later
        Poll.until(DEADLINE, () -> ids(lab.server("eu-west-1")), ids -> ids.isEmpty());
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    @Test
    void writer_shouldStreamToAnAsynchronousReplica() {
        insert("us-east-1", 1);

        Poll.until(DEADLINE, () -> count("eu-west-1"), n -> n == 1);
        assertTrue(lab.server("eu-west-1").inRecovery());
        assertEquals(Optional.of("us-east-1"), lab.sourceOf("eu-west-1"));
        assertEquals(List.of("us-east-1"), lab.writers());
        assertTrue(lab.replayLag("eu-west-1").isPresent(), "the writer measures the replica's replay lag");
        SQLException refused = assertThrows(SQLException.class, () -> insertOrThrow("eu-west-1", 2));
        assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
    }

    @Test
    void promote_shouldMakeTheReplicaAWriterThatNoLongerFollows() {
        insert("us-east-1", 1);
        Poll.until(DEADLINE, () -> count("eu-west-1"), n -> n == 1);

        lab.promote("eu-west-1");
        insert("eu-west-1", 2);

        assertFalse(lab.server("eu-west-1").inRecovery());
        assertEquals(Optional.empty(), lab.sourceOf("eu-west-1"));
        assertEquals(List.of("us-east-1", "eu-west-1"), lab.writers(), "nothing fences the old writer but the fence");
        assertEquals(1, count("us-east-1"), "the old writer never sees the new writer's rows");
    }

    @Test
    void fence_shouldRefuseWritesAndEndOpenSessions() throws SQLException {
        try (Connection open = lab.server("us-east-1").connect()) {
            lab.fence("us-east-1", true);

            SQLException refused = assertThrows(SQLException.class, () -> insertOrThrow("us-east-1", 1));
            assertTrue(refused.getMessage().contains("read-only transaction"), refused.getMessage());
            assertThrows(SQLException.class, () -> open.createStatement().execute("insert into t values (2)"),
                    "a session opened before the fence is ended");
            assertEquals(List.of(), lab.writers());
        }
        lab.fence("us-east-1", false);
        insert("us-east-1", 3);
        assertEquals(List.of("us-east-1"), lab.writers());
    }

    @Test
    void pausedReplay_shouldHoldRowsBackAndShowRealLag() {
        lab.server("eu-west-1").pauseReplay();
        insert("us-east-1", 1);

        // the writer keeps writing: a stuck replay position shows growing lag
        Poll.until(DEADLINE, () -> {
            insert("us-east-1", System.nanoTime());
            return lab.replayLag("eu-west-1").orElse(0.0);
        }, lag -> lag >= 1.0);
        assertEquals(0, count("eu-west-1"));

        lab.server("eu-west-1").resumeReplay();
        Poll.until(DEADLINE, () -> count("eu-west-1"), n -> n == count("us-east-1"));
    }

    @Test
    void rebuild_shouldReplaceTheOldWritersDataWithACopyOfTheNewWriter() {
        insert("us-east-1", 1);
        Poll.until(DEADLINE, () -> count("eu-west-1"), n -> n == 1);
        lab.promote("eu-west-1");
        insert("us-east-1", 2); // diverged: only the old writer has it
        insert("eu-west-1", 3);

        lab.rebuild("us-east-1", "eu-west-1");

        assertTrue(lab.server("us-east-1").inRecovery());
        // the rebuilt replica's WAL receiver connects a moment after the server starts
        assertEquals(Optional.of("eu-west-1"), Poll.until(DEADLINE, () -> lab.sourceOf("us-east-1"), Optional::isPresent));
        assertEquals(List.of(1L, 3L), ids("us-east-1"));
        insert("eu-west-1", 4);
        Poll.until(DEADLINE, () -> ids("us-east-1"), ids -> ids.equals(List.of(1L, 3L, 4L)));
    }

    @Test
    void kill_shouldCutOffClientsAndReplication() {
        insert("us-east-1", 1);
        Poll.until(DEADLINE, () -> count("eu-west-1"), n -> n == 1);

        lab.server("us-east-1").kill();

        assertThrows(SQLException.class, () -> lab.server("us-east-1").connect().close());
        Poll.until(DEADLINE, () -> lab.replayLag("eu-west-1"), Optional::isEmpty);
        assertEquals(List.of(), lab.writers());
        assertEquals(1, count("eu-west-1"), "the replica keeps what it had replayed");
    }

    @Test
    void crossRegionLink_shouldDelayReplication_andAnOutageShouldDropWhatIsInFlight() throws SQLException {
        try (PostgresLab far = new PostgresLab(PostgresInstall.locate(), (from, to) -> Duration.ofMillis(1500))) {
            far.createWriter("us-east-1").execute("create table t (id bigint primary key)");
            far.createReplica("eu-west-1", "us-east-1");
            PostgresServer writer = far.server("us-east-1");
            PostgresServer replica = far.server("eu-west-1");
            writer.execute("insert into t values (1)");
            long inserted = System.nanoTime();
            Poll.until(DEADLINE, () -> ids(replica), ids -> ids.equals(List.of(1L)));
            assertTrue(Duration.ofNanos(System.nanoTime() - inserted).toMillis() >= 1400, "the row crossed the link's delay");

            writer.execute("insert into t values (2)"); // acknowledged by the writer, in flight for 1.5 s
            far.cutLinksFrom("us-east-1", true);
            writer.kill();
            far.promote("eu-west-1");

            assertEquals(List.of(1L), ids(replica), "what was in flight when the region went is lost");
        }
    }

    @Test
    void missingBinaries_shouldNameTheInstallCommand() {
        PostgresUnavailableException e = assertThrows(PostgresUnavailableException.class,
                () -> PostgresInstall.locate(List.of(java.nio.file.Path.of("/nonexistent/postgresql/bin"))));
        assertTrue(e.getMessage().contains("apt-get install -y postgresql"), e.getMessage());
        assertTrue(e.getMessage().contains("/nonexistent/postgresql/bin"), e.getMessage());
    }

    private void insert(String region, long id) {
        try {
            insertOrThrow(region, id);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private void insertOrThrow(String region, long id) throws SQLException {
        try (Connection c = lab.server(region).connect(); Statement s = c.createStatement()) {
            s.execute("insert into t values (" + id + ")");
        }
    }

    /** The ids in table {@code t} of {@code server}, in order; {@code [-1]} while it cannot be read. */
    static List<Long> ids(PostgresServer server) {
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from t order by id")) {
            List<Long> ids = new java.util.ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        } catch (SQLException e) {
            return List.of(-1L);
        }
    }

    private long count(String region) {
        return ids(region).size();
    }

    private List<Long> ids(String region) {
        return ids(lab.server(region));
    }
}
