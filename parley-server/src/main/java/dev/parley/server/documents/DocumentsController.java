package dev.parley.server.documents;

import dev.parley.server.auth.RequiresRole;
import dev.parley.users.Role;
import dev.parley.NotFoundException;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentCollection;
import dev.parley.documents.DocumentJson;
import dev.parley.fields.InputFields;
import jakarta.servlet.http.HttpServletRequest;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
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

import java.util.List;

/**
 * Seed 001's generic document helpers over REST, confined to the caller's tenant. Bodies and
 * filters are MongoDB Extended JSON; answers are plain JSON (dates as ISO-8601 UTC strings, 64-bit
 * integers as numbers, ObjectIds as hex strings), or relaxed Extended JSON for
 * {@code Accept: application/ejson} (as MongoDB's Data API named it), whose types survive a round trip.
 */
@RestController
@RequestMapping("/api/v1/collections/{collection}/documents")
@RequiresRole(Role.VIEWER)
class DocumentsController {

    static final String EJSON = "application/ejson";
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    @RequiresRole(Role.ADMIN)

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> insert(TenantScope tenant, @PathVariable String collection, @RequestBody String body) {
        List<Document> docs = DocumentJson.parseObjects("body", body);
        List<String> ids = tenant.documents(collection).insertAll(docs);
        Document answer = new Document("inserted_count", ids.size()).append("inserted_ids", ids);
        if (ids.size() == 1) {
            answer.append("_id", ids.get(0));
        }
        return json(HttpStatus.CREATED, DocumentJson.write(answer));
    }

    @GetMapping
    ResponseEntity<String> find(TenantScope tenant, @PathVariable String collection,
                                @RequestParam(required = false) String filter,
                                @RequestParam(required = false) String sort,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String fields, HttpServletRequest request) {
        List<Document> found = tenant.documents(collection).find(DocumentJson.parseQuery("filter", filter),
                QueryParameters.sort(sort), limit, QueryParameters.fields(fields));
        if (wantsExtendedJson(request)) {
            return extendedJson(new Document("documents", found).append("count", found.size()));
        }
        return json(HttpStatus.OK, "{\"documents\":" + DocumentJson.write(found) + ",\"count\":" + found.size() + "}");
    }

    @GetMapping("/{id}")
    ResponseEntity<String> get(TenantScope tenant, @PathVariable String collection, @PathVariable String id,
                               HttpServletRequest request) {
        Document doc = tenant.documents(collection).get(id);
        if (doc == null) {
            throw new NotFoundException("no document " + id + " in collection " + collection);
        }
        return wantsExtendedJson(request) ? extendedJson(doc) : json(HttpStatus.OK, DocumentJson.write(doc));
    }

    /** Only when asked by name: a client that accepts anything gets plain JSON. */
    private static boolean wantsExtendedJson(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        try {
            return accept != null && MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> EJSON.equals(type.getType() + "/" + type.getSubtype()));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static ResponseEntity<String> extendedJson(Document body) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(EJSON)).body(body.toJson(RELAXED));
    }

    @RequiresRole(Role.ADMIN)

    @PatchMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> update(TenantScope tenant, @PathVariable String collection, @RequestBody String body) {
        Document request = DocumentJson.requireQuery(body, "is required");
        long[] counts = tenant.documents(collection).update(subDocument(request, "filter"), subDocument(request, "update"));
        return json(HttpStatus.OK, new Document("matched_count", counts[0]).append("modified_count", counts[1]).toJson());
    }

    /** The filter comes as a query parameter or as {@code {"filter": …}} in the body. */
    @RequiresRole(Role.ADMIN)
    @DeleteMapping
    ResponseEntity<String> delete(TenantScope tenant, @PathVariable String collection,
                                  @RequestParam(required = false) String filter,
                                  @RequestBody(required = false) String body) {
        Document parsed = DocumentJson.parseQuery("filter", filter);
        if (parsed == null && body != null && !body.isBlank()) {
            parsed = subDocument(DocumentJson.requireQuery(body, "is required"), "filter");
        }
        long deleted = tenant.documents(collection).delete(parsed);
        return json(HttpStatus.OK, new Document("deleted_count", deleted).toJson());
    }

    private static Document subDocument(Document body, String field) {
        return InputFields.subDocument(body, field);
    }

    private static ResponseEntity<String> json(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
