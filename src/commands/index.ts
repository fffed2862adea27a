/**
 * The extension's keyboard commands, named once: the manifest declares them
 * (wxt.config.ts, with their default keys), the background acts on them and
 * the options page lists their current bindings. Pure constants, so the build
 * config can import them in Node.
 */

/** The commands that open the card on the next or previous marked mention. */
export const MENTION_COMMANDS = {
  next: 'next-mention',
  previous: 'previous-mention',
} as const;

/** The browser's own command for opening the toolbar popup (Manifest V3's `action`). */
export const OPEN_POPUP_COMMAND = '_execute_action';
