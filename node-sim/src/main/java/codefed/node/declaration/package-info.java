/**
 * The health declaration form (seed 004): every field validated, including the resident identity
 * number's check digit, with problems worded in English and Chinese and naming the field.
 */
package codefed.node.declaration;
