package dev.switchboard.numbers;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The columns {@code GET /v1/numbers/list} sorts by; ties are always broken by id, so paging is stable. */
enum NumberSort {
    CREATED_AT("created_at"),
    UPDATED_AT("updated_at"),
    PHONE_NUMBER("phone_number"),
    LABEL("label");

    private final String column;

    NumberSort(String column) {
        this.column = column;
    }

    /** The column name, as the API and the table both spell it (a fixed string: never caller text in SQL). */
    String column() {
        return column;
    }

    static Optional<NumberSort> fromColumn(String name) {
        return Arrays.stream(values()).filter(s -> s.column.equals(name)).findFirst();
    }

    static List<String> columns() {
        return Arrays.stream(values()).map(NumberSort::column).toList();
    }
}
