package dev.parley.server.webhooks;

import dev.parley.server.auth.RequiresRole;
import dev.parley.users.Role;
import dev.parley.Parley;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant registers its WhatsApp numbers; secrets go in and never come out. */
@RestController
@RequestMapping("/api/v1/channels")
@RequiresRole(Role.ADMIN)
class ChannelsController {

    private final Parley parley;

    ChannelsController(Parley parley) {
        this.parley = parley;
    }

    @RequiresRole(Role.ADMIN)
    @PutMapping(path = "/whatsapp/{phoneNumberId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> registerWhatsApp(TenantScope tenant, @PathVariable String phoneNumberId, @RequestBody String body) {
        Document input = DocumentJson.requireObject(body, "must be a JSON object with app_secret and verify_token");
        return json(HttpStatus.OK, parley.channels().registerWhatsApp(tenant.organizationId(), phoneNumberId, input));
    }

    @RequiresRole(Role.ADMIN)
    @PutMapping(path = "/twilio/{accountSid}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> registerTwilio(TenantScope tenant, @PathVariable String accountSid, @RequestBody String body) {
        Document input = DocumentJson.requireObject(body, "must be a JSON object with auth_token");
        return json(HttpStatus.OK, parley.channels().registerTwilio(tenant.organizationId(), accountSid, input));
    }

    @GetMapping("/twilio/{accountSid}")
    ResponseEntity<String> getTwilio(TenantScope tenant, @PathVariable String accountSid) {
        return json(HttpStatus.OK, parley.channels().get(tenant.organizationId(), "twilio", accountSid));
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping("/twilio/{accountSid}")
    ResponseEntity<Void> deleteTwilio(TenantScope tenant, @PathVariable String accountSid) {
        parley.channels().delete(tenant.organizationId(), "twilio", accountSid);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/whatsapp/{phoneNumberId}")
    ResponseEntity<String> get(TenantScope tenant, @PathVariable String phoneNumberId) {
        return json(HttpStatus.OK, parley.channels().get(tenant.organizationId(), "whatsapp", phoneNumberId));
    }

    @GetMapping
    ResponseEntity<String> list(TenantScope tenant) {
        var all = parley.channels().list(tenant.organizationId());
        return json(HttpStatus.OK, new Document("channels", all).append("count", all.size()));
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping("/whatsapp/{phoneNumberId}")
    ResponseEntity<Void> delete(TenantScope tenant, @PathVariable String phoneNumberId) {
        parley.channels().delete(tenant.organizationId(), "whatsapp", phoneNumberId);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<String> json(HttpStatus status, Document doc) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(DocumentJson.write(doc));
    }
}
