package dev.switchboard.web;

/**
 * A 1-based page of a list endpoint, validated: {@code page} ≥ 1, {@code size} 1–100.
 * Invalid values answer 422 naming the parameter.
 */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;

    public static PageRequest of(@org.jspecify.annotations.Nullable Integer page,
            @org.jspecify.annotations.Nullable Integer size) {
        RequestErrors errors = new RequestErrors();
        int p = page == null ? 1 : page;
        int s = size == null ? 20 : size;
        if (p < 1) {
            errors.add("page", "must be 1 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add("size", "must be between 1 and " + MAX_SIZE);
        }
        errors.throwIfAny();
        return new PageRequest(p, s);
    }

    public long offset() {
        return (long) (page - 1) * size;
    }
}
