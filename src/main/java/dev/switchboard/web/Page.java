package dev.switchboard.web;

import java.util.List;

/**
 * The platform's usual page: {@code items}, {@code total}, {@code page}, {@code size}, {@code has_more},
 * {@code total_is_estimated}.
 */
public record Page<T>(List<T> items, long total, int page, int size, boolean hasMore, boolean totalIsEstimated) {

    public Page {
        items = List.copyOf(items);
    }

    /** The same page with each item turned into another. */
    public <R> Page<R> map(java.util.function.Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), total, page, size, hasMore, totalIsEstimated);
    }

    /** A page of an exactly counted list. */
    public static <T> Page<T> counted(List<T> items, long total, PageRequest request) {
        return new Page<>(items, total, request.page(), request.size(), request.offset() + items.size() < total, false);
    }
}
