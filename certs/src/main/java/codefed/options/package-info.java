/**
 * What options records share: the validation each makes in its constructor, so that a bad value is
 * refused with the same message shape wherever it is configured.
 */
package codefed.options;
