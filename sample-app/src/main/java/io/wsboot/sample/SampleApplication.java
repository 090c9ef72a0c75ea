package io.wsboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Runs the sample: the pages ({@code http://localhost:8080/chat.html} and
 * {@code /dashboard.html}) and the actuator on Spring MVC's port, and the wsboot engine
 * with {@code ws://localhost:8090/echo} and {@code ws://localhost:8090/chat/{room}}
 * (signed-in users, see {@link SecurityConfiguration}) on its own port.
 *
 * @author wsboot
 */
@SpringBootApplication
// sent through WsSessions, so not visible in the handler signatures that the AOT hints
// follow
@RegisterReflectionForBinding({ ChatEvent.class, PresenceEvent.class })
public class SampleApplication {

	/**
	 * Start the application.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
