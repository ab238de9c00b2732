package dev.crossfade.local.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * One region's PostgreSQL server on a loopback port, run by {@link PostgresInstall}: a writer made
 * by {@code initdb}, or a physical streaming replica made by {@code pg_basebackup -R} from another
 * server. Every operation acts on the real server; nothing is modelled.
 */
public final class PostgresServer {

    /** Superuser of every lab server (trust authentication on loopback only). */
    public static final String USER = "crossfade";
    public static final String DATABASE = "postgres";

    private final PostgresInstall pg;
    private final String name;
    private final Path home;
    private final int port;
    private volatile boolean running;

    private PostgresServer(PostgresInstall pg, String name, Path home, int port) {
        this.pg = pg;
        this.name = name;
        this.home = home;
        this.port = port;
    }

    /** A new writer: a copy of {@code template} (an initdb'd data directory), started. */
    static PostgresServer writer(PostgresInstall pg, String name, Path template) {
        PostgresServer server = new PostgresServer(pg, name, pg.newDirectory("crossfade-pg-" + name + "-"), freePort());
        pg.run(60, "/bin/cp", "-a", template.toString(), server.dataDir().toString());
        server.start();
        return server;
    }

    /** A new replica of the server reached on {@code sourcePort} (directly or through a link), streaming from it asynchronously, started. */
    static PostgresServer replicaOf(PostgresInstall pg, String name, int sourcePort, int streamPort) {
        PostgresServer server = new PostgresServer(pg, name, pg.newDirectory("crossfade-pg-" + name + "-"), freePort());
        server.baseBackupFrom(sourcePort, streamPort);
        server.start();
        return server;
    }

    /** {@code initdb} into a new directory, with the lab's settings; run once and copied per writer. */
    static Path initTemplate(PostgresInstall pg) {
        Path home = pg.newDirectory("crossfade-pg-template-");
        Path data = home.resolve("data");
        pg.run(120, "initdb", "--no-sync", "--auth=trust", "--username=" + USER, "--encoding=UTF8", "--locale=C", "-D", data.toString());
        String settings = """

                # crossfade lab (docs/emulation.md "Real databases")
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                fsync = off
                full_page_writes = off
                wal_level = replica
                max_wal_senders = 10
                wal_keep_size = '256MB'
                hot_standby = on
                shared_buffers = '16MB'
                max_connections = 40
                wal_receiver_status_interval = '1s'
                wal_retrieve_retry_interval = '200ms'
                wal_sender_timeout = '10s'
                wal_receiver_timeout = '10s'
                logging_collector = off
                """;
        pg.run(30, "/bin/sh", "-c", "cat >> '" + data.resolve("postgresql.conf") + "' <<'EOF'\n" + settings + "EOF\n");
        return data;
    }

    /** The copy is taken straight from the source; the standby then streams through {@code streamPort} (its replication link). */
    private void baseBackupFrom(int sourcePort, int streamPort) {
        pg.run(120, "pg_basebackup", "-D", dataDir().toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync",
                "-d", "host=127.0.0.1 port=" + sourcePort + " user=" + USER + " application_name=" + name);
        if (streamPort != sourcePort) {
            pg.run(30, "/bin/sed", "-i", "s/ port=" + sourcePort + " / port=" + streamPort + " /",
                    dataDir().resolve("postgresql.auto.conf").toString());
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    Path dataDir() {
        return home.resolve("data");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public boolean running() {
        return running;
    }

    /** Starts the server and waits until it accepts connections. */
    public synchronized void start() {
        if (running) {
            return;
        }
        pg.run(60, "pg_ctl", "-D", dataDir().toString(), "-l", home.resolve("server.log").toString(), "-w", "-t", "50",
                "-o", "-p " + port, "start");
        running = true;
    }

    /** A crash (region outage): immediate shutdown, no checkpoint, clients cut off. */
    public synchronized void kill() {
        if (!running) {
            return;
        }
        running = false;
        try {
            pg.run(30, "pg_ctl", "-D", dataDir().toString(), "-m", "immediate", "-w", "stop");
        } catch (PostgresCommandException e) {
            if (alive()) {
                throw e;
            }
            // it had already stopped on its own
        }
    }

    /** Whether a postmaster runs on this data directory ({@code pg_ctl status}). */
    public boolean alive() {
        try {
            pg.run(10, "pg_ctl", "-D", dataDir().toString(), "status");
            return true;
        } catch (PostgresCommandException e) {
            return false;
        }
    }

    /** Opens a session (autocommit) or fails with the driver's error. */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "10");
        props.setProperty("ApplicationName", "crossfade-lab");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /** Whether the server is a standby (replaying WAL from a source). */
    public boolean inRecovery() {
        return query("select pg_is_in_recovery()", rs -> rs.getBoolean(1));
    }

    /** Promotes a standby and waits for the promotion to finish. */
    public void promote() {
        if (!query("select pg_promote(true, 30)", rs -> rs.getBoolean(1))) {
            throw new PostgresCommandException(name + ": pg_promote did not finish within 30 s");
        }
    }

    /**
     * The read-only fence: every new transaction defaults to read only, and the sessions open now
     * are ended, so no client keeps writing through an old session. {@code false} lifts it.
     */
    public void fence(boolean readOnly) {
        execute("alter system set default_transaction_read_only = " + (readOnly ? "on" : "off"), "select pg_reload_conf()");
        if (readOnly) {
            execute("select pg_terminate_backend(pid) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()");
        }
    }

    /** Whether new transactions default to read only (the fence). */
    public boolean fenced() {
        return query("show default_transaction_read_only", rs -> "on".equals(rs.getString(1)));
    }

    /** Takes writes: running, not a standby, not fenced. */
    public boolean writable() {
        try {
            return query("select not pg_is_in_recovery() and current_setting('default_transaction_read_only') = 'off'", rs -> rs.getBoolean(1));
        } catch (PostgresCommandException e) {
            return false;
        }
    }

    private volatile String conninfo;

    /**
     * Cuts this standby off from its source (a network partition of the replication link): the WAL
     * receiver stops and nothing more arrives; what was received is still replayed.
     */
    public synchronized void cutReplication() {
        if (conninfo == null) {
            conninfo = query("show primary_conninfo", rs -> rs.getString(1));
        }
        execute("alter system set primary_conninfo = ''", "select pg_reload_conf()");
    }

    /** Reconnects a standby cut off by {@link #cutReplication()}. */
    public synchronized void restoreReplication() {
        if (conninfo == null) {
            return;
        }
        execute("alter system set primary_conninfo = '" + conninfo.replace("'", "''") + "'", "select pg_reload_conf()");
        conninfo = null;
    }

    public void pauseReplay() {
        execute("select pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        execute("select pg_wal_replay_resume()");
    }

    /** The port of the server this standby streams from, while it streams. */
    public Optional<Integer> streamingFrom() {
        return query("select sender_port from pg_stat_wal_receiver where status = 'streaming'",
                rs -> Optional.of(rs.getInt(1)), Optional.empty());
    }

    /**
     * As measured by this writer for the standby named {@code standby}: {@code pg_stat_replication.replay_lag}
     * in seconds (0 when the standby has replayed everything and the writer is idle); empty when
     * the standby is not connected.
     */
    public Optional<Double> replayLagOf(String standby) {
        return query("select coalesce(extract(epoch from replay_lag), 0)::float8 from pg_stat_replication where application_name = '"
                + standby.replace("'", "''") + "'", rs -> Optional.of(rs.getDouble(1)), Optional.empty());
    }

    /** The WAL position this server has written (writer) or replayed (standby). */
    public String walPosition() {
        return query("select case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end::text", rs -> rs.getString(1));
    }

    void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new PostgresCommandException(name + " (port " + port + "): " + String.join("; ", statements) + ": " + e.getMessage(), e);
        }
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> T query(String sql, Row<T> row) {
        return query(sql, row, null, true);
    }

    <T> T query(String sql, Row<T> row, T none) {
        return query(sql, row, none, false);
    }

    private <T> T query(String sql, Row<T> row, T none, boolean required) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                if (required) {
                    throw new PostgresCommandException(name + ": no row from " + sql);
                }
                return none;
            }
            return row.read(rs);
        } catch (SQLException e) {
            throw new PostgresCommandException(name + " (port " + port + "): " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Throws away this server's data and makes it a fresh replica of the server on {@code sourcePort} (pg_basebackup), started. */
    synchronized void rebuildFrom(int sourcePort, int streamPort) {
        kill();
        conninfo = null;
        PostgresInstall.delete(dataDir());
        baseBackupFrom(sourcePort, streamPort);
        start();
    }

    /** Stops the server (if running) and removes its files. */
    synchronized void destroy() {
        try {
            kill();
        } catch (RuntimeException e) {
            // already gone: the files go anyway
        }
        PostgresInstall.delete(home);
    }

    /** The server's log, for failure messages. */
    public String log() {
        try {
            Path log = home.resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }
}
