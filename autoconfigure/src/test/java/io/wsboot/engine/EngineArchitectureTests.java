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
			.resideInAnyPackage("io.wsboot.engine.frame..", "io.wsboot.engine.handshake..", "io.wsboot.engine.text..",
					"io.wsboot.engine.session..", "io.wsboot.engine.routing..", "io.wsboot.engine.extension..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.wsboot.engine.transport..")
			.check(ENGINE);
	}

}
