package io.wsboot.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens Debian's headless Chromium through its own chromedriver (never a downloaded
 * browser or driver), one fresh profile per browser, and closes them after each test. A
 * failed test leaves a screenshot of every browser under {@code target/screenshots/}. Off
 * CI, a machine without Chromium skips the test; under {@code CI=true} it fails.
 */
final class Browsers implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final String REQUIREMENT = "requires chromium (Debian packages chromium, chromium-driver)";

	private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(30);

	private final List<String> extraArguments = new ArrayList<>();

	private final List<Open> open = new ArrayList<>();

	static {
		// belt and braces with SE_OFFLINE=true in the pom: Selenium Manager must not
		// download anything
		System.setProperty("SE_OFFLINE", "true");
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
	}

	/**
	 * Add Chromium arguments for every browser, such as
	 * {@code --ignore-certificate-errors}.
	 * @param arguments the arguments
	 * @return this
	 */
	Browsers withArguments(String... arguments) {
		this.extraArguments.addAll(List.of(arguments));
		return this;
	}

	static boolean available() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			assertThat(available()).as(REQUIREMENT).isTrue();
		}
		else {
			Assumptions.assumeTrue(available(), REQUIREMENT);
		}
	}

	/**
	 * Open a browser.
	 * @param name a name for its screenshots
	 * @return the driver
	 */
	ChromeDriver open(String name) {
		Path profile;
		try {
			profile = Files.createTempDirectory("wsboot-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,860", "--user-data-dir=" + profile);
		options.addArguments(this.extraArguments);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_TIMEOUT);
		this.open.add(new Open(name, driver, profile));
		return driver;
	}

	/**
	 * Save a screenshot of a browser under {@code target/screenshots/}.
	 * @param driver the browser
	 * @param fileName the file name, ending in {@code .png}
	 * @return the file
	 */
	static Path screenshot(ChromeDriver driver, String fileName) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(fileName);
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		if (context.getExecutionException().isEmpty()) {
			return;
		}
		String test = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
		for (Open browser : this.open) {
			try {
				screenshot(browser.driver(), "FAILED-" + test + "-" + browser.name() + ".png");
			}
			catch (RuntimeException ex) {
				context.getExecutionException().get().addSuppressed(ex);
			}
		}
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		for (Open browser : this.open) {
			browser.driver().quit();
			try (Stream<Path> files = Files.walk(browser.profile())) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
		this.open.clear();
	}

	private record Open(String name, ChromeDriver driver, Path profile) {

	}

}
