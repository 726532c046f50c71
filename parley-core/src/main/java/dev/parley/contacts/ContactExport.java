package dev.parley.contacts;

import dev.parley.ConflictException;
import dev.parley.NotFoundException;
import dev.parley.erasure.ErasureSubject;
import dev.parley.erasure.PersonalDataEraser;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A contact's data export (GDPR article 15, PDPL): a background job, with progress like an import's,
 * that writes one zip: a JSON array per collection with every document about the person (from
 * each feature's {@link PersonalDataEraser#export}, the documents an erasure would change), and
 * a transcript per conversation of theirs alone in WhatsApp's export format, in the tenant's
 * time zone. Everything is streamed from cursors into the zip, so a contact with millions of
 * messages costs no more memory than one with ten. The archive lives under
 * {@code <data dir>/exports/<tenant>/} until the job's record is removed.
 */
public final class ContactExport {

    public static final String JOBS = "contact_exports";

    /** A conversation's messages in history order, as the messages feature reads them, page by page. */
    public interface ConversationMessages {
        void forEach(String conversationId, Consumer<Document> message);
    }

    private final Contacts contacts;
    private final ContactErasure erasure;
    private final ScopedCollection jobs;
    private final ExportJobs runner;
    private final Path directory;
    private final ZoneId zone;
    private final ConversationMessages history;
    private final Clock clock;

    public ContactExport(Contacts contacts, ContactErasure erasure, ScopedCollection jobs, ExportJobs runner, Path dataDir,
                         ZoneId zone, ConversationMessages history, Clock clock) {
        this.contacts = contacts;
        this.erasure = erasure;
        this.jobs = jobs;
        this.runner = runner;
        this.directory = directory(dataDir, jobs.tenant());
        this.zone = zone;
        this.history = history;
        this.clock = clock;
    }

    static Path directory(Path dataDir, String tenant) {
        return dataDir.resolve("exports").resolve(tenant);
    }

    /** Queues an export of the contact (404 when unknown); returns its record, {@code status: pending}. */
    public Document start(String contactId) {
        Document job = queued(contactId);
        String exportId = job.getString("export_id");
        runner.submit(exportId, () -> run(contactId, exportId, progress -> { }));
        return view(job);
    }

    /** Runs an export here and now (the CLI), reporting progress 0-100; returns the finished job's record. */
    public Document runHere(String contactId, IntConsumer progress) {
        String exportId = queued(contactId).getString("export_id");
        run(contactId, exportId, progress);
        return status(contactId, exportId);
    }

    private Document queued(String contactId) {
        contacts.stored(contactId);
        String exportId = "ex_" + UUID.randomUUID().toString().replace("-", "");
        Document job = new Document("export_id", exportId).append("contact_id", contactId).append("status", "pending")
                .append("progress", 0).append("documents", 0L).append("created_at", Date.from(clock.instant()));
        jobs.replaceByKey(exportId, job);
        return job;
    }

    /** The job's record: status (pending, running, done, failed), progress 0-100, documents, size. */
    public Document status(String contactId, String exportId) {
        return view(stored(contactId, exportId));
    }

    /** The archive of a finished export; 409 while it runs. */
    public Path archive(String contactId, String exportId) {
        Document job = stored(contactId, exportId);
        if (!"done".equals(job.getString("status"))) {
            throw new ConflictException("export " + exportId + " is " + job.getString("status") + ", not done");
        }
        return file(exportId);
    }

    private Document stored(String contactId, String exportId) {
        return jobs.get(exportId).filter(job -> contactId.equals(job.getString("contact_id")))
                .orElseThrow(() -> new NotFoundException("no export " + exportId + " of contact " + contactId));
    }

    /** Writes the archive (on the job runner's thread, or the caller's); the record follows its progress. */
    void run(String contactId, String exportId, IntConsumer progress) {
        Path tmp = directory.resolve(exportId + ".zip.part");
        try {
            Files.createDirectories(directory);
            update(exportId, new Document("status", "running").append("started_at", Date.from(clock.instant())));
            Document contact = contacts.stored(contactId);
            ErasureSubject subject = erasure.subject(contact);
            List<PersonalDataEraser> parts = erasure.erasers();
            long written;
            try (ExportArchive archive = new ExportArchive(tmp)) {
                for (int i = 0; i < parts.size(); i++) {
                    parts.get(i).export(subject, archive);
                    update(exportId, new Document("progress", 90 * (i + 1) / parts.size()).append("documents", archive.documents()));
                    progress.accept(90 * (i + 1) / parts.size());
                }
                transcripts(archive, subject, contact.getString("display_name"));
                written = archive.documents();
            }
            Files.move(tmp, file(exportId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            update(exportId, new Document("status", "done").append("progress", 100).append("documents", written)
                    .append("bytes", Files.size(file(exportId))).append("finished_at", Date.from(clock.instant())));
            progress.accept(100);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the failure below is what matters
            }
            update(exportId, new Document("status", "failed").append("error", String.valueOf(e.getMessage()))
                    .append("finished_at", Date.from(clock.instant())));
        }
    }

    private void transcripts(ExportArchive archive, ErasureSubject subject, String contactName) throws IOException {
        for (String conversation : subject.ownConversations().keySet()) {
            OutputStream out = archive.text("transcripts/" + conversation.replaceAll("[^A-Za-z0-9._+-]", "_") + ".txt");
            try {
                history.forEach(conversation, message -> {
                    try {
                        out.write(WhatsAppTranscript.line(message, zone, contactName).getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private Path file(String exportId) {
        return directory.resolve(exportId + ".zip");
    }

    private void update(String exportId, Document set) {
        jobs.update(exportId, new Document("$set", set));
    }

    private static Document view(Document job) {
        Document view = new Document(job);
        view.remove("_id");
        view.remove("organization_id");
        return view;
    }
}
