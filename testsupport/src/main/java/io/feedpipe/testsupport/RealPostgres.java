package io.feedpipe.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a real PostgreSQL server: declare a {@link PostgresDatabase}
 * parameter and get a fresh, empty database on the JVM's one server. The server is zonky's
 * embedded PostgreSQL (the binaries come from a Maven artifact; they run as root too).
 *
 * <p>Where no server can be started the class is skipped with the reason in the log, unless
 * {@code -Dfeedpipe.test.postgres=required}, which makes that a failure (for CI, so a broken
 * set-up cannot pass as "skipped").
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresExtension.class)
public @interface RealPostgres {}
