/**
 * The {@code codefed} command line: one entry point for every role of the federation (certs, node,
 * population, gateway, scan, witness, audit, demo, cases), with one-line console logging and errors
 * reported as one line and exit code 1.
 */
package codefed.cli;
