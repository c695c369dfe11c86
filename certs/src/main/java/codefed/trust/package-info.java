/**
 * The federation's signed trust list (which keys sign for which issuer, with their lifecycle):
 * building and signing it, loading it only when the CA's signature and schema hold, and verifying
 * codes and node assertions against it.
 */
package codefed.trust;
