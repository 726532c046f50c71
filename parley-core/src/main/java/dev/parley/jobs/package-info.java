/**
 * Background jobs of one kind run one at a time per process on a daemon thread of their own
 * ({@link SerialJobs}): imports and contact exports, which would otherwise compete with live
 * traffic for the store. Each job records its own outcome. Owns no collection.
 * <p>Uses: no other Parley package.
 */
package dev.parley.jobs;
