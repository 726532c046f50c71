package dev.parley.store;

import java.util.List;
import java.util.Map;

/** An embedded index that can count its documents by the values of its first fields ({@link GroupCountQuery}). */
interface GroupCounts {

    /** The count of each combination of the {@code depth} values after {@code prefix}, in key order. */
    Map<List<Object>, Long> countBy(List<Object> prefix, int depth);
}
