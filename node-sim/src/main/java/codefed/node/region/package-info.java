/**
 * GB/T 2260 area codes known to the node: the 31 province-level divisions and a few real counties
 * of each.
 */
package codefed.node.region;
