package dev.parley.bench;

/**
 * What every scenario is asked to do.
 *
 * @param docs        documents measured per path
 * @param clients     concurrent client threads for the request-style paths
 * @param warmupDocs  documents written per path before measuring, so the JIT and the stores settle
 * @param rounds      how many alternating rounds the measured documents are split into
 * @param quick       true for {@code --quick}: scenarios that size their own data sets use the small ones
 */
public record BenchParams(int docs, int clients, int warmupDocs, int rounds, boolean quick) {

    public static final int DEFAULT_DOCS = 50_000;
    public static final int QUICK_DOCS = 10_000;
    public static final int DEFAULT_CLIENTS = 32;
    public static final int WARMUP_DOCS = 2_000;
    public static final int DEFAULT_ROUNDS = 5;

    public BenchParams {
        if (docs < 1 || clients < 1 || rounds < 1 || warmupDocs < 0) {
            throw new IllegalArgumentException("docs, clients and rounds must be positive, warmup not negative");
        }
    }
}
