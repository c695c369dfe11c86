/**
 * The health code as a QR text: {@code HCF1:} plus Base45 of the signed code, decoded strictly; the
 * issuers a code may name (GB/T 2260 provinces and the national platform); and the masking of
 * personal data shown at checkpoints.
 */
package codefed.code;
