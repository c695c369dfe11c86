/**
 * The one way a server turns exceptions into gRPC statuses: each server declares its rules once in
 * an {@link codefed.rpc.status.ExceptionStatusMapper} (exception class to code, message and {@code
 * google.rpc.ErrorInfo} reason), a {@link codefed.rpc.status.StatusExceptionInterceptor} applies it
 * to every call, and handlers simply throw; anything unmapped becomes INTERNAL, logged on the
 * server and never shown to the caller.
 */
package codefed.rpc.status;
