/**
 * Parley's own inverted index, kept in MongoDB and read by key only, so it costs the same on the
 * embedded server as on a real MongoDB. Owns {@code search_postings}, {@code search_terms} and
 * {@code search_refs}. Entry types: {@link SearchIndex} (writes), {@link IndexSearch} (bounded
 * query walks with a cursor), {@link SearchQuery}, {@link TextAnalysis} (Lucene analyzers,
 * Arabic and English) and {@link Snippets}. Messages and conversations index their own text.
 * <p>Uses: store, meters.
 */
package dev.parley.search;
