package io.wsboot.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a newcomer sees of the sample's configuration: the wsboot health contributor in
 * {@code /actuator/health}, and no Spring Data Redis repository scanning on a single
 * node. The same context as {@link SampleApplicationTests}.
 */
@SpringBootTest(properties = { "wsboot.server.port=0", "wsboot.server.address=127.0.0.1" })
class SampleActuatorTests {

	private static final String REDIS_REPOSITORIES = "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration";

	@Autowired
	private WebApplicationContext context;

	@Test
	void healthShowsTheWsbootComponent() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).build();
		mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components.wsboot.status").value("UP"));
	}

	@Test
	void redisRepositoriesAreNotScanned() {
		ConditionEvaluationReport report = ConditionEvaluationReport
			.get(((ConfigurableApplicationContext) this.context).getBeanFactory());
		assertThat(report.getConditionAndOutcomesBySource()).containsKey(REDIS_REPOSITORIES);
		assertThat(report.getConditionAndOutcomesBySource().get(REDIS_REPOSITORIES).isFullMatch()).isFalse();
		assertThat(this.context.containsBean("redisKeyValueAdapter")).isFalse();
	}

}
