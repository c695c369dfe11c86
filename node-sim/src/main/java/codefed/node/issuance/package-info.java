/**
 * Issuing codes: a validated declaration becomes a stored record with masked identity and a QR text
 * signed with the province's current issuer key, with options for drills to choose the instant,
 * snapshot and status.
 */
package codefed.node.issuance;
