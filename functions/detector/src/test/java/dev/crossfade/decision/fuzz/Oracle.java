package dev.crossfade.decision.fuzz;

import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.fuzz.ReferencePolicy.Expected;
import java.time.Instant;
import java.util.Optional;

/** The expected action for one payload: NONE unless it is a well-formed event, else the reference policy. */
final class Oracle {

    private Oracle() {}

    static Expected expected(Deployment d, DetectorState prior, byte[] event, Instant now) {
        Optional<EventCheck.Accepted> accepted = EventCheck.accept(d, event);
        return accepted.map(a -> a.run().isPresent() ? ReferencePolicy.runEnded(prior, a.run().get())
                        : ReferencePolicy.decide(d, prior, a.alarm(), now))
                .orElseGet(() -> Expected.none("malformed or foreign"));
    }

    static boolean wellFormed(Deployment d, byte[] event) {
        return EventCheck.accept(d, event).isPresent();
    }
}
