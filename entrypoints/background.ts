import { onMessage } from '@/src/messaging/protocol';

export default defineBackground(() => {
  onMessage('reportPage', ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    const count = data.topics.length;
    void browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
  });
});
