package dev.parley.server.web;

import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.messages.LocalTimes;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.ZoneId;
import java.util.List;

/** Replies with stored documents as JSON: ISO-8601 UTC times plus {@code *_formatted} in the tenant's zone. */
public final class JsonReplies {

    private JsonReplies() {
    }

    public static ResponseEntity<String> one(HttpStatus status, Document doc, TenantScope tenant) {
        return json(status, DocumentJson.write(LocalTimes.withFormatted(doc, tenant.timeZone())));
    }

    /** {@code {"<name>": [...], "count": n, …extra}}. */
    public static ResponseEntity<String> list(String name, List<Document> docs, TenantScope tenant, Document extra) {
        return list(HttpStatus.OK, name, docs, tenant, extra);
    }

    /** {@link #list(String, List, TenantScope, Document)} with another status, e.g. 201 for a batch just stored. */
    public static ResponseEntity<String> list(HttpStatus status, String name, List<Document> docs, TenantScope tenant, Document extra) {
        ZoneId zone = tenant.timeZone();
        Document body = new Document(name, docs.stream().map(d -> LocalTimes.withFormatted(d, zone)).toList())
                .append("count", docs.size());
        if (extra != null) {
            body.putAll(extra);
        }
        return json(status, DocumentJson.write(body));
    }

    public static ResponseEntity<String> json(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
