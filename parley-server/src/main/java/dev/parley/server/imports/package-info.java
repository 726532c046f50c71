/**
 * Import jobs over REST ({@link ImportsController}: {@code POST /api/v1/imports} and seed 003's
 * upload metadata routes); imported lines are charged to the user's log quota.
 * {@link FormEncodedImportFilter} keeps a {@code curl --data-binary} upload from being read as
 * form fields. Owns no collection; uploads are stored by the core's imports.
 * <p>Uses (core): {@code TenantScope}, imports, documents, users ({@code Role}). Uses (server):
 * auth ({@code Caller}, {@code LogQuota}), web ({@code JsonReplies}).
 */
package dev.parley.server.imports;
