/**
 * Recognition policies: each jurisdiction's versioned policy documents (grants, exclusions,
 * itinerary and checkpoint rules) parsed and validated, the book of every version so a decision
 * uses the one in force at scan time, the directory watched for new versions, and each version
 * archived before use.
 */
package codefed.gateway.policy;
