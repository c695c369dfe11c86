/**
 * The node's commands: {@code codefed node} (run a province node) and {@code codefed population}
 * (export a synthetic population's codes), with their clock and duration options.
 */
package codefed.node.cli;
