package dev.parley.server.auth;

import dev.parley.server.web.PublicRoute;
import dev.parley.users.Role;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a route needs (on the method, or on the controller for all its routes). API keys
 * act as their tenant's admin; a superadmin may act in any tenant (header {@code X-Tenant-Id}).
 * Every route declares a role or {@link PublicRoute}; {@code RouteRolesTest} checks it.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresRole {

    Role value();

    /**
     * The route acts only on the caller's own account (their profile, their session), so a viewer
     * may write through it. Every other write route needs admin; {@code RouteRolesTest} checks it.
     */
    boolean ownAccountOnly() default false;
}
