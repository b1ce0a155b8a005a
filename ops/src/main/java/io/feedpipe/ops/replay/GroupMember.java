package io.feedpipe.ops.replay;

import java.util.Optional;
import org.apache.kafka.clients.admin.MemberDescription;

/** A live member of a consumer group, as an error message names it. */
public record GroupMember(String memberId, String clientId, String host, Optional<String> instanceId) {

  static GroupMember of(MemberDescription m) {
    return new GroupMember(m.consumerId(), m.clientId(), m.host(), m.groupInstanceId());
  }

  @Override
  public String toString() {
    return memberId + " (client " + clientId + " on " + host + instanceId.map(i -> ", instance " + i).orElse("") + ")";
  }
}
