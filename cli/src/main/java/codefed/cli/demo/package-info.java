/**
 * {@code codefed demo}: the scripted tour of a federation on loopback (policies, a color change, a
 * forged code, a node going down) printed as a table, and the fleet demo of several gateway JVMs of
 * one jurisdiction with their audit shards and witness.
 */
package codefed.cli.demo;
