package dev.crossfade.local.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One region's emulated AWS endpoint: a TCP proxy on its own loopback port in front of the shared
 * emulator, used by every client of that region's APIs. {@link #cut()} closes the listener and every
 * open connection, so the region's APIs refuse connections as a region that is gone does;
 * {@link #restore()} listens again on the same port.
 */
public final class RegionEndpoint implements AutoCloseable {

    private final String region;
    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    private RegionEndpoint(String region, URI upstream, int port) {
        this.region = region;
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.port = port;
    }

    /** Starts a proxy to {@code upstream} (http://host:port) on a free loopback port. */
    public static RegionEndpoint start(String region, URI upstream) {
        RegionEndpoint endpoint = new RegionEndpoint(region, upstream, PostgresServer.freePort());
        endpoint.restore();
        return endpoint;
    }

    public String region() {
        return region;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public boolean reachable() {
        return listener != null;
    }

    /** Listens (again) on the endpoint's port. */
    public synchronized void restore() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            listener = socket;
            Thread.ofVirtual().name("crossfade-endpoint-" + region).start(() -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for " + region + "'s endpoint on port " + port, e);
        }
    }

    /** The region's APIs become unreachable: connection refused, open connections reset. */
    public synchronized void cut() {
        ServerSocket socket = listener;
        listener = null;
        closeQuietly(socket);
        open.forEach(RegionEndpoint::closeQuietly);
        open.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // cut
            }
            Thread.ofVirtual().start(() -> relay(client));
        }
    }

    private void relay(Socket client) {
        Socket server = new Socket();
        open.add(client);
        open.add(server);
        try {
            server.connect(upstream, 2000);
            Thread back = Thread.ofVirtual().start(() -> pump(server, client));
            pump(client, server);
            back.join();
        } catch (IOException | InterruptedException e) {
            // the client or the emulator went away
        } finally {
            open.remove(client);
            open.remove(server);
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    @Override
    public void close() {
        cut();
    }
}
