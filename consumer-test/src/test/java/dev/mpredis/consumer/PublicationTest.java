package dev.mpredis.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What a build tool and a public repository see of the modules, read from the reactor's POMs: the
 * BOM ({@code bom/}) manages every published module and nothing else, at the project's version;
 * every published POM carries the metadata Maven Central requires; every published jar that the
 * build made has its {@code -sources} and {@code -javadoc} jar beside it.
 *
 * <p>A module is published unless it is the BOM itself or sets {@code maven.deploy.skip}; a new
 * module is therefore caught here until the BOM lists it.
 */
@Tag("unit")
class PublicationTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String BOM_DIRECTORY = "bom";

  /** {@code dev.mpredis:<artifactId>} or {@code <artifactId>mp-redis-...</artifactId>}. */
  private static final Pattern README_ARTIFACT =
      Pattern.compile(
          "dev\\.mpredis:(mp-redis-[\\w-]+)|<artifactId>(mp-redis-[\\w-]+)</artifactId>");

  @Test
  void bom_managesEveryPublishedModule_andNothingElse() {
    Pom bom = bom();
    List<String> managed = new ArrayList<>();
    for (Element dependency : bom.all("dependencyManagement", "dependencies", "dependency")) {
      assertThat(text(dependency, "groupId")).isEqualTo(root().groupId());
      assertThat(text(dependency, "version")).isEqualTo("${project.version}");
      assertThat(child(dependency, "scope")).as("scope of a BOM entry").isEmpty();
      assertThat(child(dependency, "type")).as("type of a BOM entry").isEmpty();
      managed.add(text(dependency, "artifactId"));
    }

    assertThat(managed)
        .as("the BOM's entries (bom/pom.xml), one per published module")
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(published().keySet());
  }

  @Test
  void published_includesTheLibrariesAndTheCommand_notTheTestsOrTheBom() {
    assertThat(published().keySet())
        .contains(
            "mp-redis-machine",
            "mp-redis-redis",
            "mp-redis-testkit",
            "mp-redis-spring",
            "mp-redis-cli")
        .doesNotContain("mp-redis-consumer-test", "mp-redis-bench", "mp-redis-bom");
  }

  @Test
  void bom_hasNoParent_andTheProjectsCoordinates() {
    Pom bom = bom();
    // A parent's dependencyManagement (JUnit, Jackson, ...) would reach every importing build.
    assertThat(bom.first("parent")).as("bom/pom.xml's parent").isEmpty();
    assertThat(bom.groupId()).isEqualTo(root().groupId());
    assertThat(bom.version()).isEqualTo(root().version());
    assertThat(bom.text("artifactId")).isEqualTo("mp-redis-bom");
    assertThat(bom.text("packaging")).isEqualTo("pom");
  }

  @Test
  void root_hasTheMetadataCentralRequires_andChildrenInheritItUnchanged() {
    Pom root = root();
    assertThat(root.text("url")).startsWith("https://");
    assertThat(root.all("licenses", "license"))
        .singleElement()
        .satisfies(
            license -> {
              assertThat(text(license, "name")).isEqualTo("MIT License");
              assertThat(text(license, "url")).startsWith("https://");
            });
    assertThat(Files.exists(ROOT.resolve("LICENSE"))).isTrue();
    assertThat(root.all("developers", "developer"))
        .extracting(developer -> text(developer, "name"))
        .containsExactly("mp-redis for Java developers");
    assertThat(root.text("scm", "connection")).startsWith("scm:git:");
    assertThat(root.text("scm", "developerConnection")).startsWith("scm:git:");
    assertThat(root.text("scm", "url")).isEqualTo(root.text("url"));
    // Without these, a child's url and scm would get "/<artifactId>" appended.
    assertThat(root.element.getAttribute("child.project.url.inherit.append.path"))
        .isEqualTo("false");
    Element scm = root.first("scm").orElseThrow();
    for (String part : List.of("connection", "developerConnection", "url")) {
      assertThat(scm.getAttribute("child.scm." + part + ".inherit.append.path"))
          .as("scm %s inherited as written", part)
          .isEqualTo("false");
    }
    assertThat(root.text("properties", "project.build.outputTimestamp"))
        .as("a fixed time for reproducible archives")
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  }

  @Test
  void bom_repeatsTheRootsMetadata() {
    Pom root = root();
    Pom bom = bom();
    for (List<String> path :
        List.of(
            List.of("url"),
            List.of("licenses", "license", "name"),
            List.of("licenses", "license", "url"),
            List.of("developers", "developer", "name"),
            List.of("scm", "connection"),
            List.of("scm", "developerConnection"),
            List.of("scm", "url"))) {
      String[] names = path.toArray(String[]::new);
      assertThat(bom.text(names)).as("bom/pom.xml %s", path).isEqualTo(root.text(names));
    }
  }

  @Test
  void publishedModules_nameAndDescribeThemselves_andKeepTheInheritedMetadata() {
    List<Pom> poms = new ArrayList<>(published().values());
    poms.add(bom());
    for (Pom pom : poms) {
      assertThat(pom.text("name")).as("%s name", pom.path).isNotBlank();
      assertThat(pom.text("description")).as("%s description", pom.path).isNotBlank();
    }
    for (Pom pom : published().values()) {
      for (String inherited : List.of("url", "licenses", "developers", "scm")) {
        assertThat(pom.first(inherited))
            .as("%s overrides the root's %s", pom.path, inherited)
            .isEmpty();
      }
    }
  }

  @Test
  void readme_showsTheBomAtTheProjectVersion_andNamesEveryArtifact() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    String version = root().version();
    assertThat(readme)
        .as("README.md's Add the dependency section")
        .contains("<artifactId>mp-redis-bom</artifactId>\n      <version>" + version + "</version>")
        .contains("platform(\"dev.mpredis:mp-redis-bom:" + version + "\")");

    Set<String> artifacts = new TreeSet<>(published().keySet());
    artifacts.add("mp-redis-bom");
    Set<String> named = new TreeSet<>();
    Matcher artifact = README_ARTIFACT.matcher(readme);
    while (artifact.find()) {
      named.add(artifact.group(1) != null ? artifact.group(1) : artifact.group(2));
    }
    assertThat(named).as("artifacts README.md names").isEqualTo(artifacts);
  }

  @Test
  void publishedModules_skipNeitherSourcesNorJavadoc() {
    published()
        .forEach(
            (artifactId, pom) -> {
              for (String skip : List.of("maven.source.skip", "maven.javadoc.skip")) {
                assertThat(pom.optionalText("properties", skip))
                    .as("%s %s", artifactId, skip)
                    .isEmpty();
              }
            });
  }

  /**
   * After {@code package}: beside each published jar the build made, a sources jar with Java files
   * and a javadoc jar with an index. Skipped when no published jar is there (a build that stopped
   * before {@code package}); a module the reactor builds after this one is not checked.
   */
  @Test
  void builtJars_haveSourcesAndJavadocJarsBeside() throws IOException {
    List<Path> jars = new ArrayList<>();
    published()
        .forEach(
            (artifactId, pom) -> {
              Path jar =
                  pom.path.resolveSibling("target").resolve(artifactId + "-" + pom.version());
              if (Files.exists(Path.of(jar + ".jar"))) {
                jars.add(jar);
              }
            });
    // consumer-test runs after every module's package phase in the reactor: the jars are there.
    assertThat(jars).as("published jars built before this module's tests").isNotEmpty();

    for (Path jar : jars) {
      assertThat(entries(Path.of(jar + "-sources.jar")))
          .as("%s-sources.jar", jar.getFileName())
          .anyMatch(name -> name.endsWith(".java"));
      assertThat(entries(Path.of(jar + "-javadoc.jar")))
          .as("%s-javadoc.jar", jar.getFileName())
          .contains("index.html");
    }
  }

  private static List<String> entries(Path jar) throws IOException {
    assertThat(jar).exists();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().map(ZipEntry::getName).toList();
    }
  }

  /**
   * The modules that are deployed, by artifactId: every module of the root POM (its profiles' too)
   * but the BOM and those setting {@code maven.deploy.skip}.
   */
  private static Map<String, Pom> published() {
    Pom root = root();
    TreeSet<String> directories = new TreeSet<>();
    root.all("modules", "module").forEach(m -> directories.add(m.getTextContent().trim()));
    for (Element profile : root.all("profiles", "profile")) {
      children(profile, "modules").stream()
          .flatMap(modules -> children(modules, "module").stream())
          .forEach(m -> directories.add(m.getTextContent().trim()));
    }
    Map<String, Pom> published = new TreeMap<>();
    for (String directory : directories) {
      if (directory.equals(BOM_DIRECTORY)) {
        continue;
      }
      Pom module = Pom.read(ROOT.resolve(directory).resolve("pom.xml"));
      if (!"true".equals(module.optionalText("properties", "maven.deploy.skip").orElse(""))) {
        published.put(module.text("artifactId"), module);
      }
    }
    return published;
  }

  private static Pom root() {
    return Pom.read(ROOT.resolve("pom.xml"));
  }

  private static Pom bom() {
    assertThat(root().all("modules", "module"))
        .as("the root's modules")
        .anySatisfy(m -> assertThat(m.getTextContent().trim()).isEqualTo(BOM_DIRECTORY));
    return Pom.read(ROOT.resolve(BOM_DIRECTORY).resolve("pom.xml"));
  }

  /** A POM file's project element, read by path of child element names. */
  private record Pom(Path path, Element element) {

    static Pom read(Path path) {
      try {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return new Pom(
            path, factory.newDocumentBuilder().parse(path.toFile()).getDocumentElement());
      } catch (ParserConfigurationException | SAXException | IOException e) {
        throw new AssertionError("cannot read " + path, e);
      }
    }

    /** The groupId, the parent's when the POM has none of its own. */
    String groupId() {
      return optionalText("groupId").orElseGet(() -> text("parent", "groupId"));
    }

    /** The version, the parent's when the POM has none of its own. */
    String version() {
      return optionalText("version").orElseGet(() -> text("parent", "version"));
    }

    Optional<Element> first(String... names) {
      List<Element> all = all(names);
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    List<Element> all(String... names) {
      List<Element> level = List.of(element);
      for (String name : names) {
        level = level.stream().flatMap(e -> children(e, name).stream()).toList();
      }
      return level;
    }

    Optional<String> optionalText(String... names) {
      return first(names).map(e -> e.getTextContent().trim());
    }

    String text(String... names) {
      return optionalText(names)
          .orElseThrow(() -> new AssertionError(path + ": no <" + String.join("/", names) + ">"));
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> children = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        children.add(e);
      }
    }
    return children;
  }

  private static Optional<Element> child(Element parent, String name) {
    List<Element> children = children(parent, name);
    return children.isEmpty() ? Optional.empty() : Optional.of(children.get(0));
  }

  private static String text(Element parent, String name) {
    return child(parent, name).map(e -> e.getTextContent().trim()).orElse("");
  }
}
