package dev.parley.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Parley HTTP server: REST API, webhooks, health and (later) the dashboard. */
@SpringBootApplication
@ConfigurationPropertiesScan // the settings records, one per feature (PARLEY_… environment variables)
public class ParleyApplication {

    public static void main(String[] args) {
        SpringApplication.run(ParleyApplication.class, args);
    }
}
