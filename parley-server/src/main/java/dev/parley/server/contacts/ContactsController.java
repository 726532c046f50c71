package dev.parley.server.contacts;

import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.server.auth.RequiresRole;
import dev.parley.server.web.JsonReplies;
import dev.parley.users.Role;
import org.bson.Document;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Path;
import java.util.List;

/** The people a tenant talks to: list, read with conversations, merge, add identifiers, erase (GDPR 17 / PDPL). */
@RestController
@RequestMapping("/api/v1/contacts")
@RequiresRole(Role.VIEWER)
class ContactsController {

    @GetMapping
    ResponseEntity<String> list(TenantScope tenant, @RequestParam(required = false) String q,
                                @RequestParam(defaultValue = "50") int limit,
                                @RequestParam(required = false) String cursor) {
        List<Document> page = tenant.contacts().list(q, limit, cursor);
        String next = page.size() == limit ? page.get(page.size() - 1).getString("contact_id") : null;
        return JsonReplies.list("contacts", page, tenant, new Document("next_cursor", next));
    }

    @GetMapping("/{contactId}")
    ResponseEntity<String> get(TenantScope tenant, @PathVariable String contactId) {
        return JsonReplies.one(HttpStatus.OK, tenant.contacts().get(contactId), tenant);
    }

    @RequiresRole(Role.ADMIN)
    @PatchMapping(path = "/{contactId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> update(TenantScope tenant, @PathVariable String contactId, @RequestBody String body) {
        return JsonReplies.one(HttpStatus.OK, tenant.contacts().update(contactId, DocumentJson.requireObject(body)), tenant);
    }

    /** Erases the contact's personal data everywhere; 409 under a legal hold; again: the first erasure's record. */
    @RequiresRole(Role.ADMIN)
    @DeleteMapping("/{contactId}")
    ResponseEntity<String> erase(TenantScope tenant, @PathVariable String contactId) {
        return JsonReplies.one(HttpStatus.OK, tenant.contactErasure().erase(contactId), tenant);
    }

    /** Starts an export of everything about the contact (GDPR article 15); poll its status, then GET the archive. */
    @RequiresRole(Role.ADMIN)
    @PostMapping("/{contactId}/exports")
    ResponseEntity<String> export(TenantScope tenant, @PathVariable String contactId) {
        return JsonReplies.one(HttpStatus.ACCEPTED, tenant.contactExport().start(contactId), tenant);
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping("/{contactId}/exports/{exportId}")
    ResponseEntity<String> exportStatus(TenantScope tenant, @PathVariable String contactId, @PathVariable String exportId) {
        return JsonReplies.one(HttpStatus.OK, tenant.contactExport().status(contactId, exportId), tenant);
    }

    /** The zip, streamed from disk; 409 until the export is done. */
    @RequiresRole(Role.ADMIN)
    @GetMapping(path = "/{contactId}/exports/{exportId}/archive", produces = "application/zip")
    ResponseEntity<Resource> archive(TenantScope tenant, @PathVariable String contactId, @PathVariable String exportId) {
        Path file = tenant.contactExport().archive(contactId, exportId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"contact-" + contactId + "-" + exportId + ".zip\"")
                .body(new FileSystemResource(file));
    }

    @GetMapping("/{contactId}/erasure-report")
    ResponseEntity<String> erasureReport(TenantScope tenant, @PathVariable String contactId) {
        return JsonReplies.one(HttpStatus.OK, tenant.contactErasure().report(contactId), tenant);
    }
}
