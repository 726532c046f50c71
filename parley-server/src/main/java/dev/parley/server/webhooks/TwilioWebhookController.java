package dev.parley.server.webhooks;

import dev.parley.server.web.PublicRoute;
import dev.parley.Parley;
import dev.parley.server.web.Problems;
import dev.parley.webhooks.TwilioWebhook;
import dev.parley.webhooks.WhatsAppWebhook;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Twilio's status callbacks. The signature covers the URL Twilio called, so behind a proxy set
 * PARLEY_PUBLIC_URL (e.g. {@code https://parley.example.com}) to the address Twilio sees.
 */
@RestController
@PublicRoute
class TwilioWebhookController {

    private final TwilioWebhook webhook;
    private final String publicUrl;
    private final UnroutedBudgets unrouted;

    TwilioWebhookController(Parley parley, MeterRegistry meters, WebhookSettings settings,
                            UnroutedBudgets unrouted) {
        this.webhook = parley.twilioWebhook();
        this.unrouted = unrouted;
        String publicUrl = settings.publicUrl();
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        FunctionCounter.builder("parley.webhooks.rejected", webhook, TwilioWebhook::rejectedSignatures)
                .tag("provider", "twilio").description("deliveries refused for a missing or wrong signature")
                .register(meters);
    }

    @PostMapping(path = "/webhooks/twilio", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> receive(HttpServletRequest request, @RequestBody(required = false) String body,
                              @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        String form = body == null ? "" : body;
        WhatsAppWebhook.Receipt receipt = webhook.receive(url(request), params(form), form, signature, unrouted.of(request));
        if (receipt.status() == 401) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.UNAUTHORIZED, "bad-signature", receipt.detail()));
        }
        Map<String, Object> answer = WhatsAppWebhookController.answer(receipt);
        answer.remove("messages");
        return ResponseEntity.ok(answer);
    }

    private String url(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        return (publicUrl.isEmpty() ? request.getRequestURL().toString() : publicUrl + request.getRequestURI()) + query;
    }

    private static Map<String, String> params(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
