package dev.parley.contacts;

import dev.parley.documents.DocumentJson;
import dev.parley.erasure.PersonalDataEraser;
import org.bson.Document;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A contact's export as a zip, written as it is read: one JSON array per collection
 * ({@code messages.json}, {@code audit_logs.json}, …), each document appended as it comes, and one
 * transcript per conversation; nothing is held but the document being written.
 */
final class ExportArchive implements PersonalDataEraser.Exported, AutoCloseable {

    private final ZipOutputStream zip;
    private final Map<String, Integer> entries = new HashMap<>();
    private String open;
    private boolean first;
    private long documents;

    ExportArchive(Path file) {
        try {
            this.zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
    }

    @Override
    public void document(String collection, Document doc) {
        try {
            if (!collection.equals(open)) {
                closeArray();
                int n = entries.merge(collection, 1, Integer::sum);
                zip.putNextEntry(new ZipEntry(collection + (n == 1 ? "" : "-" + n) + ".json"));
                write("[\n");
                open = collection;
                first = true;
            }
            write((first ? "" : ",\n") + DocumentJson.write(doc));
            first = false;
            documents++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
    }

    /** Starts a text file (a transcript); the caller writes its lines to the stream returned, then starts the next. */
    OutputStream text(String name) throws IOException {
        closeArray();
        zip.putNextEntry(new ZipEntry(name));
        return new OutputStream() { // the zip stays open: closing an entry is the archive's business
            @Override
            public void write(int b) throws IOException {
                zip.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
            }
        };
    }

    long documents() {
        return documents;
    }

    private void closeArray() throws IOException {
        if (open != null) {
            write("\n]\n");
            zip.closeEntry();
            open = null;
        }
    }

    private void write(String text) throws IOException {
        zip.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            closeArray();
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
    }
}
