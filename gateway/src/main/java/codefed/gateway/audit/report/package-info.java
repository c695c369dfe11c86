/**
 * {@code codefed audit report}: one self-contained HTML page (inline CSS and SVG, no scripts) with
 * decisions over time, manual, offline and node-availability shares, and breakdowns by issuer,
 * checkpoint and policy version.
 */
package codefed.gateway.audit.report;
