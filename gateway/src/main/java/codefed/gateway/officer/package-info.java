/**
 * What a checkpoint officer reads: every sentence by outcome, cause and measure in English and
 * Chinese, and the terminal width of text with wide characters.
 */
package codefed.gateway.officer;
