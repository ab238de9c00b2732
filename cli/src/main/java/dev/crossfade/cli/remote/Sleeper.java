package dev.crossfade.cli.remote;

import java.time.Duration;

/** How the follower waits between polls; tests pass one that does not block. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
