package dev.parley.documents;

/**
 * How much JSON Parley reads into one value: the same limits for every route, webhook and
 * import line, so no input can exhaust the stack (nesting), the CPU (number parsing) or
 * MongoDB's document size. Bodies are also capped in bytes (PARLEY_MAX_BODY_BYTES).
 *
 * @param maxDepth          objects and arrays inside each other; the deepest real payload
 *                          (a WhatsApp webhook, with Extended JSON wrappers) needs about 8, and
 *                          stored records nest a user's value up to 2 levels further, well under
 *                          MongoDB's own limit of 100
 * @param maxStringLength   characters in one string, after escapes
 * @param maxNameLength     characters in one field name
 * @param maxNumberLength   characters in one number literal (a double needs at most 24)
 * @param maxDecimalLength  characters in a {@code $numberDecimal} (34 digits, sign, point, exponent):
 *                          decimal parsing slows with the square of the length
 * @param maxDocumentBytes  one document's size as BSON: MongoDB's 16 MiB less 1 MiB for the fields
 *                          Parley adds to what it stores
 */
public record JsonLimits(int maxDepth, int maxStringLength, int maxNameLength, int maxNumberLength, int maxDecimalLength,
                         int maxDocumentBytes) {

    public static final JsonLimits DEFAULT = new JsonLimits(64, 1 << 20, 1_024, 100, 64, 15 << 20);
}
