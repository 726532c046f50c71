package dev.parley.imports;

import dev.parley.jobs.SerialJobs;

/**
 * Runs import jobs in the background, one at a time per process: an import already writes in
 * batches of 1,000 as fast as the store takes them, so a second one in parallel would only slow
 * live traffic down. Jobs still queued when the process stops stay {@code pending}.
 */
public final class ImportJobs extends SerialJobs {

    public ImportJobs() {
        super("parley-imports", "import");
    }
}
