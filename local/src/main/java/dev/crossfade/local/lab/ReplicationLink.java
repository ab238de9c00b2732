package dev.crossfade.local.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The network between two regions' database servers: a loopback TCP relay that delivers every
 * byte a fixed one-way delay later, in order, in both directions (pipelined: the delay adds
 * latency, not a bandwidth limit). A replica streams from its source through its link.
 */
public final class ReplicationLink implements AutoCloseable {

    private record Chunk(long dueNanos, byte[] bytes) {}

    private static final Chunk END = new Chunk(0, new byte[0]);

    private final String source;
    private final int upstreamPort;
    private final Duration oneWay;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private ReplicationLink(String source, int upstreamPort, Duration oneWay, ServerSocket listener) {
        this.source = source;
        this.upstreamPort = upstreamPort;
        this.oneWay = oneWay;
        this.listener = listener;
    }

    /** A link to the server on {@code upstreamPort} (in region {@code source}), delaying each direction by {@code oneWay}. */
    public static ReplicationLink start(String source, int upstreamPort, Duration oneWay) {
        try {
            ServerSocket socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            ReplicationLink link = new ReplicationLink(source, upstreamPort, oneWay, socket);
            Thread.ofVirtual().name("crossfade-link-" + source).start(link::accept);
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a replication link to " + source, e);
        }
    }

    public String source() {
        return source;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public Duration oneWay() {
        return oneWay;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    client.close();
                    continue;
                }
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
                open.add(client);
                open.add(server);
                relay(client, server);
                relay(server, client);
            } catch (IOException e) {
                // closed, or the source is down: the client sees its connection end and retries
            }
        }
    }

    private void relay(Socket from, Socket to) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    queue.add(new Chunk(System.nanoTime() + oneWay.toNanos(), Arrays.copyOf(buffer, n)));
                }
            } catch (IOException e) {
                // closed
            } finally {
                queue.add(END);
            }
        });
        Thread.ofVirtual().start(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk == END) {
                        break;
                    }
                    long wait;
                    while ((wait = chunk.dueNanos() - System.nanoTime()) > 0 && !cut) {
                        LockSupport.parkNanos(wait); // the bytes are in flight
                    }
                    if (cut) {
                        break; // what was in flight is gone with the link
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // closed
            } finally {
                close(from);
                close(to);
            }
        });
    }

    /** The link goes down: the bytes in flight are dropped, connections end, new ones are refused until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(this::close);
    }

    public void restore() {
        cut = false;
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing
        }
        open.forEach(this::close);
    }
}
