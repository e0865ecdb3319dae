package org.safeguarding.hub.scorecard;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The named computations measures.yml may point to, by name. The hub's own are listed by
 * {@code measures.ShippedComputations}, one class each in the {@code measures} package (which depends on this
 * package, not the other way round).
 */
public final class Computations {

    private final Map<String, MeasureComputation> byName;

    public Computations(List<MeasureComputation> computations) {
        this.byName = computations.stream().collect(Collectors.toUnmodifiableMap(MeasureComputation::name,
                Function.identity()));
    }

    public Optional<MeasureComputation> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public MeasureComputation named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no computation named " + name));
    }

    public java.util.Set<String> names() {
        return byName.keySet();
    }
}
