package dev.switchboard.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A 1-based page of a list endpoint, validated: {@code page} ≥ 1, {@code size} 1–100, and the order the platform's
 * SDK may ask for ({@code sort_column} {@code created_at} or {@code updated_at}, {@code sort_desc}; oldest first by
 * default). Invalid values answer 422 naming the parameter.
 */
public record PageRequest(int page, int size, String sortColumn, boolean sortDesc) {

    public static final int MAX_SIZE = 100;
    /** The columns every listed resource has; a feature with more (numbers) sorts itself. */
    public static final List<String> SORT_COLUMNS = List.of("created_at", "updated_at");

    public PageRequest(int page, int size) {
        this(page, size, "created_at", false);
    }

    public static PageRequest of(@Nullable Integer page, @Nullable Integer size) {
        return of(page, size, null, null);
    }

    public static PageRequest of(@Nullable Integer page, @Nullable Integer size, @Nullable String sortColumn,
            @Nullable Boolean sortDesc) {
        RequestErrors errors = new RequestErrors();
        int p = page == null ? 1 : page;
        int s = size == null ? 20 : size;
        if (p < 1) {
            errors.add("page", "must be 1 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add("size", "must be between 1 and " + MAX_SIZE);
        }
        if (sortColumn != null && !SORT_COLUMNS.contains(sortColumn)) {
            errors.add("sort_column", "must be one of " + SORT_COLUMNS);
        }
        errors.throwIfAny();
        return new PageRequest(p, s, sortColumn == null ? "created_at" : sortColumn, sortDesc != null && sortDesc);
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    /**
     * The SQL ordering of this page over a table (or alias, e.g. {@code "p."}), ties broken by id so pages never
     * overlap. Built only from the checked column names, never from the caller's text.
     */
    public String orderBy(String prefix) {
        String column = SORT_COLUMNS.contains(sortColumn) ? sortColumn : "created_at";
        String direction = sortDesc ? " DESC" : "";
        return prefix + column + direction + ", " + prefix + "id" + direction;
    }
}
