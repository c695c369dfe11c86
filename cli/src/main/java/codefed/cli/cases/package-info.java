/**
 * {@code codefed cases}: runs an acceptance-case file end to end, each row a scan of a freshly
 * issued (and possibly damaged) code at a real gateway over mTLS on the drill clock, and compares
 * the outcome and measures with what the row expects.
 */
package codefed.cli.cases;
