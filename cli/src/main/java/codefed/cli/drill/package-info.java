/**
 * A federation on loopback for drills: the authority's PKI, one real node per issuer with its drill
 * service, real gateways per jurisdiction and a checkpoint channel, all on one clock the runner
 * moves; nodes are taken down and up over mTLS as their own province's platform.
 */
package codefed.cli.drill;
