/**
 * The gateway's configuration file ({@code GatewayConfig} textproto): loaded and validated with
 * every problem named by file and field, and watched so peers can join or leave without a restart.
 */
package codefed.gateway.config;
