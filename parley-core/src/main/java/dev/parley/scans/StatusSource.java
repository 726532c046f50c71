package dev.parley.scans;

import java.util.function.Predicate;

/** Where a scan reads WhatsApp statuses: n8n's executions, or a file of webhook payloads or events. */
public interface StatusSource {

    /** A short name for history entries and messages: {@code n8n}, {@code jsonl}. */
    String name();

    /**
     * Reads page by page, newest first where the source knows the order, handing each page to
     * {@code consumer} until it returns false or the source is exhausted.
     *
     * @throws ScanException when the source cannot be read; nothing has been saved by then
     */
    void read(Predicate<StatusPage> consumer);
}
