/**
 * The node's signed answers to {@code VerifyCode}: a status assertion for active, revoked and
 * unknown codes alike, bound to the caller's nonce and signed with the issuer key.
 */
package codefed.node.assertion;
