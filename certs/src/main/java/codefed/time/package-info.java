/**
 * Time: a clock that only moves when told to, shared by every node and gateway of a drill and by
 * the tests so that time-dependent behaviour is exercised without waiting, and the conversions
 * between instants and protobuf timestamps.
 */
package codefed.time;
