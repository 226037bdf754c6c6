package org.consentledger.common;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** One page of rows in keyset order, oldest first; {@code nextCursor} is null on the last page. */
public record KeysetPage<T>(List<T> items, String nextCursor) {

    /**
     * The page from rows fetched with a limit of {@code limit + 1}: the extra row only tells that
     * another page exists, and the cursor points after the last row kept.
     */
    public static <T> KeysetPage<T> of(List<T> rows, int limit, ToLongFunction<T> position) {
        if (rows.size() <= limit) {
            return new KeysetPage<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new KeysetPage<>(items, Cursors.encode(position.applyAsLong(items.get(limit - 1))));
    }

    /** The same page with each item mapped, say from a stored row to its response type. */
    public <R> KeysetPage<R> map(Function<T, R> mapper) {
        return new KeysetPage<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
