package dev.parley.server.apidocs;

import dev.parley.TenantScope;
import dev.parley.server.auth.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI 3.1 document at /v3/api-docs (Swagger UI at /swagger-ui.html): springdoc generates
 * paths and parameters from the controllers; {@link RouteDocs} adds what it cannot see.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static final String ACCESS_TOKEN = "access_token";
    static final String API_KEY = "api_key";
    static final String API_KEY_BEARER = "api_key_bearer";

    @Bean
    OpenAPI parleyApi() {
        // resolved from the credentials, never sent by the caller: not parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(TenantScope.class, Caller.class);
        return new OpenAPI()
                .info(new Info().title("Parley API").version("v1")
                        .description("""
                                Parley keeps a tenant's messages, delivery statuses, conversations, audit chain, \
                                metrics and events in MongoDB. The tenant comes from the credentials, never from \
                                the body or the path. Each operation says the role it needs: viewer reads, admin \
                                manages its tenant (every write; an API key is its tenant's admin), superadmin may \
                                act in any tenant with X-Tenant-Id. Errors are RFC 9457 application/problem+json \
                                with field and reason. Times are answered as ISO-8601 UTC strings, each also as \
                                `*_formatted` in the tenant's time zone."""))
                .components(new Components()
                        .addSecuritySchemes(ACCESS_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("A user's access token from POST /api/v1/auth/login "
                                        + "(Authorization: Bearer <token>), valid 15 minutes; renew it with /api/v1/auth/refresh."))
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("A tenant's API key (./parley tenants create prints one); acts as the tenant's admin. "
                                        + "On operator routes, PARLEY_ADMIN_KEY."))
                        .addSecuritySchemes(API_KEY_BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("API key").description("The same API key (or PARLEY_ADMIN_KEY) as Authorization: Bearer <key>.")));
    }

    @Bean
    RouteDocs routeDocs(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        return new RouteDocs(RouteDocs.load("apidocs/parley-api.yaml"), () -> mappings.getObject().getHandlerMethods());
    }
}
