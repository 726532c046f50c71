package dev.parley.contacts;

import dev.parley.erasure.CollectionWalk;
import dev.parley.erasure.ErasureSubject;
import dev.parley.erasure.PersonalDataEraser;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The contact's export archives (their data, whole) and the records of those jobs go with them. */
final class ExportEraser implements PersonalDataEraser {

    private static final String JOBS = ContactExport.JOBS;

    private final ScopedCollection jobs;
    private final Path directory;

    ExportEraser(ScopedCollection jobs, Path dataDir) {
        this.jobs = jobs;
        this.directory = ContactExport.directory(dataDir, jobs.tenant());
    }

    @Override
    public List<String> collections() {
        return List.of(JOBS);
    }

    @Override
    public List<CollectionCount> erase(ErasureSubject subject) {
        List<String> ids = jobs.find(new Document("contact_id", subject.contactId())).map(job -> job.getString("export_id"))
                .into(new ArrayList<>());
        for (String id : ids) {
            try {
                Files.deleteIfExists(directory.resolve(id + ".zip"));
                Files.deleteIfExists(directory.resolve(id + ".zip.part"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the export " + id + ": " + e.getMessage(), e);
            }
        }
        long removed = jobs.deleteByKeys(ids);
        jobs.awaitDurable();
        return List.of(new CollectionCount(JOBS, removed));
    }

    @Override
    public void export(ErasureSubject subject, Exported out) {
        // an export does not export earlier exports
    }

    @Override
    public List<CollectionCheck> check(ErasureSubject subject) {
        long archives = jobs.find(new Document("contact_id", subject.contactId())).into(new ArrayList<>()).size();
        CollectionCheck walked = CollectionWalk.count(jobs, subject.markers());
        return List.of(new CollectionCheck(JOBS, walked.checked(), walked.found() + archives));
    }
}
