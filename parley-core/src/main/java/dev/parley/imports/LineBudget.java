package dev.parley.imports;

/**
 * What an import may still write today: seed 003's {@code logs_per_day}, charged per imported
 * line by the caller that owns the budget (the server charges the uploading user).
 */
@FunctionalInterface
public interface LineBudget {

    /** No budget (the CLI, the library, API keys). */
    LineBudget UNLIMITED = lines -> lines;

    /** Takes up to {@code lines} lines from the budget; returns how many of them may be written (0 once spent). */
    long take(long lines);
}
