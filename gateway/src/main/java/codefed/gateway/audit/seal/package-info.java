/**
 * Sealed audit evidence: what in a decision record names a person, a code or a place (the node's
 * signed answer, staff notes) is encrypted to the auditors' key with HPKE (RFC 9180) and bound to
 * its record; auditors open it to re-check node signatures and replay decisions exactly.
 */
package codefed.gateway.audit.seal;
