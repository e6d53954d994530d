package dev.lanes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The API/internal split, enforced (CONVENTIONS.md habit 2). The rules name packages by
 * pattern, never classes, so they hold while the engine's stages move into sub-packages of
 * {@code dev.lanes.internal}:
 *
 * <ol>
 *   <li>No class outside an {@code internal} package exposes an internal type in what users can
 *       reach: the supertypes of an exported (public, enclosed only in public classes) class, its
 *       type parameters' bounds, and the types of its public and protected fields, constructors
 *       and methods (parameters, return type, throws, type arguments as far as ArchUnit reads
 *       them from the class files). Checked for every main class under {@code dev.lanes} on this
 *       module's class path: core's and lanes-kafka-embedded's.
 *   <li>Modules other than core do not import {@code dev.lanes.internal}: checked in each such
 *       module (lanes-cli's {@code NoCoreInternalsTest}; a new module copies its one rule).
 *       lanes-benchmarks is exempt: its benchmarks sit in core's packages for package-private
 *       access.
 *   <li>A public top-level type in {@code dev.lanes.internal..} is used by main code of another
 *       package; if not, it should be package-private.
 * </ol>
 */
class ApiBoundaryTest {

    /** Any internal package, core's ({@code dev.lanes.internal..}) or another module's ({@code dev.lanes.embedded.internal}). */
    static final String INTERNAL = "dev.lanes..internal..";
    /** Core's internals. */
    static final String CORE_INTERNAL = "dev.lanes.internal..";

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lanes");

    @Test
    void theApiExposesNoInternalType() {
        ArchRule rule = classes().that().resideOutsideOfPackage(INTERNAL)
                .should(notExposeTypesIn(INTERNAL))
                .because("users must be able to use the API without touching internals (CONVENTIONS.md habit 2)");

        rule.check(MAIN_CLASSES);
    }

    @Test
    void internalTypesArePublicOnlyWhenAnotherPackageUsesThem() {
        ArchRule rule = classes().that().resideInAPackage(CORE_INTERNAL).and().areTopLevelClasses().and().arePublic()
                .should(beUsedFromAnotherPackage())
                .because("an internal type no other package needs should be package-private");

        rule.check(MAIN_CLASSES);
    }

    @Test
    void theRulesSeeTheClassesTheyAreAbout() {
        // Guards against a rule passing because the import found nothing (e.g. a renamed package).
        org.assertj.core.api.Assertions.assertThat(MAIN_CLASSES.stream().map(JavaClass::getPackageName))
                .contains("dev.lanes", "dev.lanes.internal.offsets", "dev.lanes.embedded")
                .anyMatch(name -> PackageMatcher.of(CORE_INTERNAL).matches(name));
        org.assertj.core.api.Assertions.assertThat(MAIN_CLASSES.contain(ApiBoundaryTest.class)).isFalse();
    }

    /** Rule 1: what an exported class shows users mentions no type of {@code packagePattern}. */
    static ArchCondition<JavaClass> notExposeTypesIn(String packagePattern) {
        PackageMatcher internal = PackageMatcher.of(packagePattern);
        DescribedPredicate<JavaClass> isInternal = DescribedPredicate.describe("in " + packagePattern,
                c -> internal.matches(c.getPackageName()));
        return new ArchCondition<>("not expose types in " + packagePattern + " in public or protected signatures") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                if (!isExported(javaClass)) {
                    return;
                }
                javaClass.getSuperclass().ifPresent(t -> report(javaClass, "its superclass", List.of(t), isInternal, events));
                report(javaClass, "the interfaces it implements", javaClass.getInterfaces(), isInternal, events);
                report(javaClass, "its type parameters", javaClass.getTypeParameters(), isInternal, events);
                // All members, inherited ones too: a public method of a package-private superclass is API as well.
                for (JavaField field : javaClass.getAllFields()) {
                    if (isVisible(field)) {
                        report(javaClass, "field " + field.getFullName(), List.of(field.getType()), isInternal, events);
                    }
                }
                List<JavaCodeUnit> codeUnits = new ArrayList<>(javaClass.getAllMethods());
                codeUnits.addAll(javaClass.getConstructors()); // a superclass's constructors are not callable from here
                for (JavaCodeUnit code : codeUnits) {
                    if (!isVisible(code)) {
                        continue;
                    }
                    List<JavaType> types = new ArrayList<>();
                    types.add(code.getReturnType());
                    types.addAll(code.getParameterTypes());
                    types.addAll(code.getRawParameterTypes());
                    types.addAll(code.getThrowsClause().getTypes());
                    types.addAll(code.getTypeParameters());
                    report(javaClass, (code.isConstructor() ? "constructor " : "method ") + code.getFullName(), types, isInternal, events);
                }
            }
        };
    }

    /** Rule 3: some class of another package depends on this one. */
    static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used by a class of another package") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                Set<String> users = new TreeSet<>();
                javaClass.getDirectDependenciesToSelf().forEach(d -> {
                    JavaClass user = d.getOriginClass();
                    if (!user.getPackageName().equals(javaClass.getPackageName())) {
                        users.add(user.getName());
                    }
                });
                String message = users.isEmpty()
                        ? javaClass.getName() + " is public, but no class of another package uses it: make it package-private"
                        : javaClass.getName() + " is public and used from another package by " + users;
                events.add(new SimpleConditionEvent(javaClass, !users.isEmpty(), message));
            }
        };
    }

    private static void report(JavaClass owner, String where, Collection<? extends JavaType> types,
            DescribedPredicate<JavaClass> isInternal, ConditionEvents events) {
        Set<String> exposed = new TreeSet<>();
        for (JavaType type : types) {
            involvedRawTypes(type).stream().filter(isInternal).forEach(c -> exposed.add(c.getName()));
        }
        if (!exposed.isEmpty()) {
            events.add(SimpleConditionEvent.violated(owner,
                    owner.getName() + " exposes internal " + String.join(", ", exposed) + " in " + where));
        }
    }

    private static Collection<JavaClass> involvedRawTypes(JavaType type) {
        if (type instanceof JavaTypeVariable<?> variable) {
            Set<JavaClass> all = new LinkedHashSet<>();
            variable.getUpperBounds().forEach(bound -> all.addAll(bound.getAllInvolvedRawTypes()));
            return all;
        }
        return type.getAllInvolvedRawTypes();
    }

    /** Public (or protected, when nested) and enclosed only in such classes: reachable by users. */
    private static boolean isExported(JavaClass javaClass) {
        if (javaClass.isAnonymousClass() || javaClass.isLocalClass()) {
            return false;
        }
        Set<JavaModifier> modifiers = javaClass.getModifiers();
        boolean visible = modifiers.contains(JavaModifier.PUBLIC)
                || javaClass.isNestedClass() && modifiers.contains(JavaModifier.PROTECTED);
        return visible && javaClass.getEnclosingClass().map(ApiBoundaryTest::isExported).orElse(true);
    }

    private static boolean isVisible(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
                && !modifiers.contains(JavaModifier.SYNTHETIC) && !modifiers.contains(JavaModifier.BRIDGE);
    }
}
