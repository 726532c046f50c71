package dev.parley.server.webhooks;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every API request first waits for the deliveries acknowledged before it (see {@link WhatsAppDeliveryLog}). */
@Configuration(proxyBeanMethods = false)
class DeliveryLogConfiguration implements WebMvcConfigurer {

    private final WhatsAppDeliveryLog deliveryLog;

    DeliveryLogConfiguration(WhatsAppDeliveryLog deliveryLog) {
        this.deliveryLog = deliveryLog;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(deliveryLog).addPathPatterns("/api/**");
    }
}
