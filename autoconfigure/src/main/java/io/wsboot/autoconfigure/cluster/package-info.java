/**
 * Auto-configuration of the Redis scale-out ({@code wsboot.cluster.*}).
 */
@NullMarked
package io.wsboot.autoconfigure.cluster;

import org.jspecify.annotations.NullMarked;
