/**
 * Background threads: one factory for the daemon threads of watchers, writers and timers, each
 * named for what it does.
 */
package codefed.threads;
