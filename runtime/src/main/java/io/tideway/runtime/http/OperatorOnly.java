package io.tideway.runtime.http;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks an operator endpoint (rollback, replay, alert acknowledgement): {@link OperatorTokenFilter}
 * answers 401 to a request without the admin token before the route runs.
 */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface OperatorOnly {}
