/**
 * Turning a topic off or back on: the one rule, used by the card (through
 * the background), the popup and the options page.
 */

/** The disabled-topic list with `topicId` switched on or off (kept once, in order). */
export function withTopicEnabled(disabledTopics: readonly string[], topicId: string, enabled: boolean): string[] {
  const others = disabledTopics.filter((id) => id !== topicId);
  return enabled ? others : [...others, topicId];
}
