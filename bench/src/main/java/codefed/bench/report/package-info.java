/**
 * Benchmark results: one ordered, JSON-ready map per scenario with its targets and verdicts, the
 * run's context (command, settings, load average, steal), and the Markdown and JSON files written
 * under {@code bench/results}.
 */
package codefed.bench.report;
