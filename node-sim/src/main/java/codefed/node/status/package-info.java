/**
 * A code holder's status: colors derived from reasons by seed 003's criteria (or set by the
 * issuer's own), risk areas, the 14-day itinerary, and the status book that applies updates and
 * publishes every visible change.
 */
package codefed.node.status;
