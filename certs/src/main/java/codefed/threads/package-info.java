/**
 * Threads: one factory for the daemon threads of watchers, writers and timers, each named for what
 * it does; and which of a server's calls run on its transport threads ({@link
 * codefed.threads.TransportThreadCalls}).
 */
package codefed.threads;
