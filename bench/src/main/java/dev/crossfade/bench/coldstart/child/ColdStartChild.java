package dev.crossfade.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the Lambda runtime does on a cold start, minus the runtime API: load the handler class,
 * construct it (init), hand it one event (handle). Run in a fresh JVM per measurement; the
 * parent measures the wall clock around the whole process and reads the split from the last line.
 *
 * <p>Usage: {@code ColdStartChild HANDLER_CLASS EVENT_FILE}. The handler gets a null Context, as
 * the project's handlers never read it.
 */
public final class ColdStartChild {

    /** The prefix of the line the parent parses; the handler's own log lines are ignored. */
    public static final String MARK = "CROSSFADE-BENCH";

    /**
     * With this system property set, the child loads {@link FirstEvent} between init and the first
     * event, so that a {@code -Xlog:class+load} log splits there (the class-load count, not the timed runs).
     */
    public static final String MARK_FIRST_EVENT = "crossfade.bench.markFirstEvent";

    private ColdStartChild() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        if (args.length != 2) {
            System.err.println("usage: ColdStartChild HANDLER_CLASS EVENT_FILE");
            System.exit(2);
        }
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        long initialized = System.nanoTime();
        if (System.getProperty(MARK_FIRST_EVENT) != null) {
            FirstEvent.mark();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        long handled = System.nanoTime();
        System.out.println(MARK + " init_ns=" + (initialized - start) + " handle_ns=" + (handled - initialized)
                + " output=" + out.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        System.out.flush();
    }

    /** Loaded only to mark, in a class-load log, where init ends and the first event starts. */
    public static final class FirstEvent {
        private FirstEvent() {}

        static void mark() {}
    }
}
