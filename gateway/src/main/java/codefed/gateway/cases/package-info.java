/**
 * The acceptance-case file format ({@code testdata/recognition-cases.csv}): one scan per row with
 * the code, node and time it is made under and the decision it must get. One parser, used by {@code
 * codefed cases} and by the gateway's tests; every error names the file, the line and the column.
 */
package codefed.gateway.cases;
