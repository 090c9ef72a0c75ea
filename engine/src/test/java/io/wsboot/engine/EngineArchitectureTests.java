package io.wsboot.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engine is ours and Spring-free: checked on the compiled classes.
 */
class EngineArchitectureTests {

	private static final JavaClasses ENGINE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.wsboot.engine");

	@Test
	void engineImportsNothingFromSpring() {
		noClasses().that()
			.resideInAPackage("io.wsboot.engine..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.micrometer..")
			.check(ENGINE);
	}

	@Test
	void engineUsesNoOtherWebSocketOrServerLibrary() {
		noClasses().that()
			.resideInAPackage("io.wsboot.engine..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.netty..", "org.eclipse.jetty..", "org.apache.tomcat..", "org.apache.catalina..",
					"jakarta.websocket..", "jakarta.servlet..", "org.java_websocket..", "okhttp3..", "java.net.http..")
			.check(ENGINE);
	}

	@Test
	void codecPackagesDoNotDependOnTheTransport() {
		noClasses().that()
			.resideInAnyPackage("io.wsboot.engine.internal.frame..", "io.wsboot.engine.internal.handshake..",
					"io.wsboot.engine.internal.text..", "io.wsboot.engine.internal.session..",
					"io.wsboot.engine.internal.routing..", "io.wsboot.engine.internal.extension..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.wsboot.engine.internal.transport..")
			.check(ENGINE);
	}

}
