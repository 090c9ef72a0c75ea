package io.wsboot.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engine is ours and Spring-free, and its public vocabulary stands on its own:
 * checked on the compiled classes.
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

	@Test
	void vocabularySignaturesMentionNoInternalType() {
		classes().that()
			.resideInAPackage("io.wsboot.engine")
			.and()
			.arePublic()
			.should(mentionNoInternalTypeInPublicSignatures())
			.check(ENGINE);
	}

	/**
	 * The supertypes and every public or protected constructor, method and field of a
	 * class, generics and throws clauses included, name no type under
	 * {@code io.wsboot.engine.internal}: a user of the engine needs only its root
	 * package.
	 */
	private static ArchCondition<JavaClass> mentionNoInternalTypeInPublicSignatures() {
		return new ArchCondition<>("mention no io.wsboot.engine.internal type in a public or protected signature") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
				type.getSuperclass().ifPresent(supertypes::add);
				supertypes.addAll(type.getTypeParameters());
				report(events, type, type.getName() + " extends or implements", supertypes);
				for (JavaMember member : type.getMembers()) {
					if (isExposed(member)) {
						report(events, type, member.getFullName(), signature(member));
					}
				}
			}

		};
	}

	private static boolean isExposed(JavaMember member) {
		Set<JavaModifier> modifiers = member.getModifiers();
		return !modifiers.contains(JavaModifier.SYNTHETIC)
				&& (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED));
	}

	private static List<JavaType> signature(JavaMember member) {
		List<JavaType> types = new ArrayList<>();
		if (member instanceof JavaField field) {
			types.add(field.getType());
		}
		if (member instanceof JavaCodeUnit codeUnit) {
			types.add(codeUnit.getReturnType());
			types.addAll(codeUnit.getParameterTypes());
			types.addAll(codeUnit.getThrowsClause().getTypes());
			types.addAll(codeUnit.getTypeParameters());
		}
		return types;
	}

	private static void report(ConditionEvents events, JavaClass owner, String place, List<JavaType> types) {
		for (JavaType type : types) {
			for (JavaClass involved : type.getAllInvolvedRawTypes()) {
				if (involved.getPackageName().startsWith("io.wsboot.engine.internal")) {
					events.add(SimpleConditionEvent.violated(owner, place + " mentions " + involved.getName()));
				}
			}
		}
	}

}
