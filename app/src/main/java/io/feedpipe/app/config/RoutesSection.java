package io.feedpipe.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.streams.route.RouteConfigException;
import io.feedpipe.streams.route.RouteRule;
import io.feedpipe.streams.route.RouteRuleReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code routes:} list into routing rules. The rule language itself (conditions, all /
 * any / not, the target topic) is read by {@link RouteRuleReader} in the streams module; this
 * turns its errors into configuration errors that name the file, the rule's place in the list,
 * the field and the rule: {@code feedpipe.yaml: routes[1].when.all[1].words.min must be a whole
 * number, got 'lots' (rule 'long-ai')}.
 */
final class RoutesSection {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private RoutesSection() {}

  static List<RouteRule> read(ConfigNode root) {
    List<ConfigNode> items = root.list("routes");
    List<RouteRule> rules = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        rules.add(RouteRuleReader.read(plain(items.get(i).json()), i));
      } catch (RouteConfigException e) {
        throw error(root, i, e);
      }
    }
    try {
      RouteRuleReader.checkTogether(rules);
    } catch (RouteConfigException e) {
      int index = 0;
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i).name().equals(e.rule())) {
          index = i; // the later of the two clashing rules
        }
      }
      throw error(root, index, e);
    }
    return List.copyOf(rules);
  }

  private static ConfigException error(ConfigNode root, int index, RouteConfigException e) {
    String place = "routes[" + index + "]" + (e.field().isEmpty() ? "" : "." + e.field());
    String rule = e.rule().startsWith("#") ? "" : " (rule '" + e.rule() + "')";
    return root.error(place, e.problem() + rule);
  }

  /** The YAML subtree as maps, lists, strings and numbers. */
  private static Object plain(JsonNode node) {
    return PLAIN.convertValue(node, Object.class);
  }
}
