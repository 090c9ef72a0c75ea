package io.wsboot.engine.internal.extension;

import org.jspecify.annotations.Nullable;

/**
 * One parameter of an extension offer (RFC 6455 §9.1), its value unquoted.
 *
 * @param name the parameter token
 * @param value the value, or {@code null} for a parameter without one
 * @author wsboot
 */
public record ExtensionParameter(String name, @Nullable String value) {

}
