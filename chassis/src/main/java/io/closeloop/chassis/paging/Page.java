package io.closeloop.chassis.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the items, where it is, and how many there are in all. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** Clamps a client's page size into [1, MAX_SIZE], defaulting when absent. */
    public static int size(Integer requested) {
        if (requested == null) {
            return DEFAULT_SIZE;
        }
        return Math.max(1, Math.min(MAX_SIZE, requested));
    }

    public static int index(Integer requested) {
        return requested == null ? 0 : Math.max(0, requested);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
