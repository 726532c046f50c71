package dev.parley.imports;

import org.bson.Document;

import java.util.List;

/**
 * A provider's webhook payload found in an upload, processed as a live delivery would be (the
 * WhatsApp webhook's own mapping and status rules) into the importing tenant. Owned here and
 * implemented by the root over the WhatsApp webhook.
 */
@FunctionalInterface
public interface PayloadImporter {

    /** What one payload brought: messages and statuses written, and what was skipped and why. */
    record Imported(int messages, int statuses, List<String> problems) {
    }

    Imported importPayload(Document payload);
}
