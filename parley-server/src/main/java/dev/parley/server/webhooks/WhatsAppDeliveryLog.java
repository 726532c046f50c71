package dev.parley.server.webhooks;

import dev.parley.Parley;
import dev.parley.webhooks.LoggedDeliveries;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;

/**
 * The server's WhatsApp delivery log (see {@link LoggedDeliveries}), when deliveries are
 * acknowledged once logged: started with the server (applying first what a previous run logged
 * and did not apply), drained before Parley closes. As an interceptor on the API it keeps reads
 * consistent with acknowledgements: a request waits (up to {@value #READ_WAIT_SECONDS} s) until
 * every delivery acknowledged before it arrived is applied, so what Meta was told is stored is
 * what the API shows.
 */
@Component
class WhatsAppDeliveryLog implements HandlerInterceptor, WebMvcConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppDeliveryLog.class);
    static final long READ_WAIT_SECONDS = 10;

    private final LoggedDeliveries deliveries;

    WhatsAppDeliveryLog(Parley parley, WebhookSettings settings) {
        this.deliveries = settings.acknowledgeWhenLogged(parley.embeddedStore())
                ? parley.whatsAppWebhook().logDeliveries(parley.dataDir().resolve("webhook-log"),
                settings.webhookUnappliedBytes())
                : null;
    }

    /** Every API request first waits for the deliveries acknowledged before it. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (deliveries != null && !deliveries.awaitApplied(Duration.ofSeconds(READ_WAIT_SECONDS))) {
            log.warn("{} {} served before {} acknowledged deliveries were applied", request.getMethod(),
                    request.getRequestURI(), deliveries.unapplied());
        }
        return true;
    }

    @Override
    public void destroy() {
        if (deliveries != null) {
            deliveries.close();
        }
    }
}
