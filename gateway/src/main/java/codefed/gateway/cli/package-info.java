/**
 * The gateway's commands: {@code codefed gateway} (run it), {@code scan} (a checkpoint's scan with
 * the answer as the officer reads it, or JSON), {@code witness} and the auditor's {@code audit}
 * commands (verify, query, replay, report, prove, export, sql) over one or several log shards.
 */
package codefed.gateway.cli;
