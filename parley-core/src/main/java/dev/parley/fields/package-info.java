/**
 * Reading user input the way the seeds wrote it ({@link InputFields}): camelCase or snake_case
 * names, aliases, enums in any case, times as ISO-8601, epoch seconds or millis. Every refusal
 * names the field. Owns no collection and no state.
 * <p>Uses: only the shared exceptions in {@code dev.parley}.
 */
package dev.parley.fields;
