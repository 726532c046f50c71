package dev.parley.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.Parley;
import dev.parley.tenancy.CredentialDigest;
import org.springframework.stereotype.Component;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived access tokens and longer refresh tokens: JWTs signed with HS256 under a key derived
 * from PARLEY_SECRET_KEY, so every instance sharing the secret accepts the others' tokens. A token
 * names its tenant ({@code tid}), user ({@code sub}), kind ({@code typ}) and the user's session
 * epoch ({@code sep}); the role and the epoch are looked up per request, so a changed role applies
 * at once and a password reset, role change or deletion ends every token issued before it.
 */
@Component
public class AccessTokens {

    static final String ACCESS = "access";
    static final String REFRESH = "refresh";
    private static final String ISSUER = "parley";

    private final byte[] key;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Clock clock;

    AccessTokens(Parley parley, AuthSettings settings) {
        this.key = parley.derivedKey("access-token");
        this.accessTtl = Duration.ofMinutes(settings.accessTokenMinutes());
        this.refreshTtl = Duration.ofDays(settings.refreshTokenDays());
        this.clock = parley.clock();
    }

    /** What a valid token says. */
    public record Claims(String tenant, String userId, String type, Instant expiresAt, String digest, String sessionEpoch) {
    }

    /** The pair a login or refresh answers with (seconds until each expires). */
    public record Issued(String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn) {
    }

    Issued issue(String tenant, String userId, String sessionEpoch) {
        return new Issued(sign(tenant, userId, sessionEpoch, ACCESS, accessTtl), sign(tenant, userId, sessionEpoch, REFRESH, refreshTtl),
                accessTtl.toSeconds(), refreshTtl.toSeconds());
    }

    private String sign(String tenant, String userId, String sessionEpoch, String type, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(userId).claim("tid", tenant).claim("typ", type).claim("sep", sessionEpoch)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
        return jwt.serialize();
    }

    /** Whether {@code token} looks like one of these (a JWS), rather than an API key. */
    static boolean looksLikeToken(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    /** The claims of a token of {@code type} that Parley signed and that has not expired; empty otherwise. */
    Optional<Claims> verify(String token, String type) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || !type.equals(claims.getStringClaim("typ")) || expires == null
                    || !expires.toInstant().isAfter(clock.instant()) || claims.getSubject() == null || claims.getStringClaim("tid") == null) {
                return Optional.empty();
            }
            String epoch = claims.getStringClaim("sep");
            return Optional.of(new Claims(claims.getStringClaim("tid"), claims.getSubject(), type, expires.toInstant(),
                    CredentialDigest.digest(token), epoch == null ? "" : epoch));
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
