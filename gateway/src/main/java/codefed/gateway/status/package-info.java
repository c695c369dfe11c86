/**
 * Where the gateway gets a code's current status (pipeline step 4): each issuer's node over mTLS
 * with its identity checked, per-issuer breakers and in-flight limits, a compact cache of verified
 * answers kept honest by each issuer's change stream, and the verification of node signatures
 * against the trust list. {@link codefed.gateway.status.StatusCachePreload} is the one public way
 * into the cache from outside, for preloading and measuring it.
 */
package codefed.gateway.status;
