package io.wsboot.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The boundaries between the modules, checked on the compiled classes of the Spring layer
 * and the test support: the engine is used through its vocabulary only, and the Spring
 * layer is shaped as Boot's own auto-configuration modules are.
 */
class ModuleBoundaryTests {

	private static final JavaClasses SPRING_LAYER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption((location) -> !location.contains("/wsboot-engine"))
		.withImportOption((location) -> !location.contains("/engine/target/"))
		.importPackages("io.wsboot");

	@Test
	void springLayerUsesOnlyTheEngineVocabulary() {
		noClasses().that()
			.resideOutsideOfPackage("io.wsboot.engine..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.wsboot.engine.internal..")
			.because("the engine's internal packages are not its API (docs/engine.md)")
			.check(SPRING_LAYER);
	}

	@Test
	void springLayerIsNotInTheEnginePackages() {
		noClasses().should()
			.resideInAPackage("io.wsboot.engine..")
			.because("the engine lives in its own module, wsboot-engine")
			.check(SPRING_LAYER);
	}

	@Test
	void mainCodeDoesNotDependOnTheTestSupport() {
		noClasses().that()
			.resideOutsideOfPackage("io.wsboot.test..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.wsboot.test..")
			.because("wsboot-test is a test-scoped artifact")
			.check(SPRING_LAYER);
	}

	@Test
	void autoConfigurationsArePublicFinalClasses() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.check(SPRING_LAYER);
	}

}
