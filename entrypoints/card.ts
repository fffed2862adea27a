// The hover card, injected by the background into a page's isolated world on first use
// (see src/content/card-loader.ts); it hands its surface to the content script waiting there.
import { createPageCardSurface } from '@/src/card';
import { findCardBridge } from '@/src/content/card-loader';

export default defineUnlistedScript(() => {
  findCardBridge()?.provide(createPageCardSurface);
});
