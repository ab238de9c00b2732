package dev.crossfade.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A function instance that the run's pre-warm started: load the handler class, construct it and
 * hand it the warm-up event (what Lambda does for the PreWarm state's asynchronous invoke), print
 * {@code READY}; then handle each event whose file the parent names on stdin, in turn, printing
 * {@code DONE} after each (with the exception's class name if it threw, so the parent can retry as
 * the ASL would, on this now warm instance). An empty line or end of input exits.
 *
 * <p>Usage: {@code PreWarmedChild HANDLER_CLASS WARM_UP_EVENT_FILE}.
 */
public final class PreWarmedChild {

    public static final String READY = ColdStartChild.MARK + " READY";
    public static final String DONE = ColdStartChild.MARK + " DONE";

    private PreWarmedChild() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        if (args.length != 2) {
            System.err.println("usage: PreWarmedChild HANDLER_CLASS WARM_UP_EVENT_FILE");
            System.exit(2);
        }
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        ByteArrayOutputStream warm = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))), warm, null);
        System.out.println(READY + " ready_ns=" + (System.nanoTime() - start) + " output=" + warm.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.isBlank(); line = in.readLine()) {
            long began = System.nanoTime();
            String error = "";
            try {
                handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(line.trim()))), new ByteArrayOutputStream(), null);
            } catch (Exception e) {
                error = " error=" + e.getClass().getName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ');
            }
            System.out.println(DONE + " handle_ns=" + (System.nanoTime() - began) + error);
            System.out.flush();
        }
    }
}
