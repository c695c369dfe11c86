/**
 * The {@code codefed certs} commands of the federation authority and its parties: create the PKI,
 * issue, revoke and show certificates, write per-party bundles, re-sign the CRL and trust list,
 * rotate and revoke issuer keys, issue audit-signing keys.
 */
package codefed.certs.cli;
