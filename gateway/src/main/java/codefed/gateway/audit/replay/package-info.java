/**
 * Replay and what-if for auditors: every recorded decision re-evaluated with the gateway's pure
 * decision rules under the policy version archived with it (or under another policy), and the
 * differences counted.
 */
package codefed.gateway.audit.replay;
