package dev.parley.contacts;

import dev.parley.jobs.SerialJobs;

/**
 * Runs contact exports in the background, one at a time per process: an export reads whole
 * collections of a tenant, and two at once would only compete with live traffic for the store.
 */
public final class ExportJobs extends SerialJobs {

    public ExportJobs() {
        super("parley-contact-exports", "contact export");
    }
}
