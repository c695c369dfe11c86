/**
 * The node's change stream: events with strictly increasing sequence numbers, a bounded retention
 * so consumers can resume, and subscriptions that never block publishing.
 */
package codefed.node.changes;
