package dev.parley.server.webhooks;

import dev.parley.server.web.PublicRoute;
import dev.parley.Parley;
import dev.parley.server.web.Problems;
import dev.parley.webhooks.WhatsAppWebhook;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Meta's WhatsApp Cloud API webhook. Authenticated by the payload's signature, not by an API
 * key; answered only once the delivery cannot be lost: its raw payload in the durable delivery
 * log ({@link WhatsAppDeliveryLog}), or, with {@code PARLEY_WEBHOOK_ACK=applied}, the payload
 * and its messages and statuses durably written.
 */
@RestController
@PublicRoute
class WhatsAppWebhookController {

    private final WhatsAppWebhook webhook;
    private final UnroutedBudgets unrouted;

    WhatsAppWebhookController(Parley parley, MeterRegistry meters, UnroutedBudgets unrouted) {
        this.webhook = parley.whatsAppWebhook();
        this.unrouted = unrouted;
        FunctionCounter.builder("parley.webhooks.rejected", webhook, WhatsAppWebhook::rejectedSignatures)
                .tag("provider", "whatsapp").description("deliveries refused for a missing or wrong signature")
                .register(meters);
    }

    @GetMapping("/webhooks/whatsapp")
    ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
                                  @RequestParam(name = "hub.verify_token", required = false) String token,
                                  @RequestParam(name = "hub.challenge", required = false) String challenge) {
        return webhook.handshake(mode, token, challenge)
                .map(echo -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(echo))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN)
                        .body("verification failed"));
    }

    @PostMapping("/webhooks/whatsapp")
    ResponseEntity<?> receive(HttpServletRequest request, @RequestBody(required = false) byte[] body,
                              @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature) {
        WhatsAppWebhook.Receipt receipt = webhook.receive(body == null ? new byte[0] : body, signature, unrouted.of(request));
        return switch (receipt.status()) {
            case 200 -> ResponseEntity.ok(answer(receipt));
            case 401 -> problem(Problems.of(HttpStatus.UNAUTHORIZED, "bad-signature", receipt.detail()));
            default -> problem(Problems.invalid("body", receipt.detail()));
        };
    }

    /** 200 whether kept or dropped (see {@link UnroutedBudgets}): {@code status} says which. */
    static Map<String, Object> answer(WhatsAppWebhook.Receipt receipt) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", receipt.rawId() == null ? "dropped" : "received");
        if (receipt.rawId() != null) {
            answer.put("raw_id", receipt.rawId());
        }
        answer.put("messages", receipt.messages());
        answer.put("statuses", receipt.statuses());
        answer.put("problems", receipt.problems());
        return answer;
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
