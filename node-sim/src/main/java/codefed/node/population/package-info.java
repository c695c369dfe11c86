/**
 * Deterministic synthetic populations of a province: residents from (province, seed, index), loaded
 * into a node or exported as signed QR texts and images.
 */
package codefed.node.population;
