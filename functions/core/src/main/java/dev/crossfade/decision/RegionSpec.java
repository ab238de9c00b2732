package dev.crossfade.decision;

import java.util.Objects;

/** One enabled region as the decision engine sees it. */
public record RegionSpec(String name, int priority, boolean primary) {
    public RegionSpec {
        Objects.requireNonNull(name, "name");
    }
}
