package dev.parley.server.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call and how often: the operator key ({@code PARLEY_ADMIN_KEY}; empty: admin routes
 * disabled), token lifetimes ({@code PARLEY_ACCESS_TOKEN_MINUTES}, {@code PARLEY_REFRESH_TOKEN_DAYS})
 * and rate budgets like {@code 1000/1h} per API key, per tenant and per client address on the login
 * routes ({@code PARLEY_RATE_LIMIT_API_KEY}, {@code PARLEY_RATE_LIMIT_TENANT}: empty, none;
 * {@code PARLEY_RATE_LIMIT_LOGIN}).
 */
@ConfigurationProperties("parley")
public record AuthSettings(@DefaultValue("") String adminKey,
                           @DefaultValue("15") long accessTokenMinutes,
                           @DefaultValue("14") long refreshTokenDays,
                           @DefaultValue("") String rateLimitApiKey,
                           @DefaultValue("") String rateLimitTenant,
                           @DefaultValue("20/1m") String rateLimitLogin) {
}
