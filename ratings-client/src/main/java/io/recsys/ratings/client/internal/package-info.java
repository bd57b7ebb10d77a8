/**
 * Implementation shared by the client packages (argument checks, Kafka property handling, daemon
 * threads, latency recording). Not API: these types are public only so that the other client
 * packages can use them, and they may change in any release.
 */
package io.recsys.ratings.client.internal;
