/**
 * The checks a found mention must pass before it is marked, made only for
 * the few mentions a page has rather than for every element while reading:
 * no excluded element around its text (hidden, aria-hidden, contenteditable,
 * or anything outside the scanned root), every piece of it shown (no
 * `display: none` around it, not `visibility: hidden`), and nothing between
 * its pieces that cuts the text (a CSS block, a hidden element).
 *
 * Answers are cached per element for one slice of work (styles and
 * attributes can change between slices, not within one), so thirty new
 * paragraphs in one container cost one look at the container's ancestors.
 */
import { computedDisplayKind, isCutBetween } from './display';
import { ownExclusionOf } from './exclusions';
import { flatParent, isElement } from './flat-tree';
import type { MarkDraft } from './mark-store';

/** Why a mention is not marked: `'hidden'` if its text is hidden now but may be shown later. */
export type MentionProblem = 'hidden' | 'skipped' | 'cut';

type Exclusion = 'skipped' | 'hidden' | 'outside' | null;

/** Checks mentions found under `root`; call `reset()` whenever the page may have changed. */
export class MentionChecker {
  private readonly exclusions = new Map<Node, Exclusion>();
  private readonly displayed = new Map<Node, boolean>();

  constructor(private readonly root: Element) {}

  /** What stops `draft` from being marked now, or null if nothing does. */
  problemOf(draft: MarkDraft): MentionProblem | null {
    let hidden = false;
    let previous: Text | undefined;
    for (const node of draft.nodes) {
      const parent = flatParent(node);
      if (!parent || !isElement(parent)) return 'skipped';
      const exclusion = this.inheritedExclusionOf(parent);
      if (exclusion === 'skipped' || exclusion === 'outside') return 'skipped';
      if (exclusion === 'hidden' || !this.isDisplayed(parent) || isInvisible(parent)) hidden = true;
      if (previous && isCutBetween(previous, node)) return 'cut';
      previous = node;
    }
    return hidden ? 'hidden' : null;
  }

  /**
   * Why a node may not hold marks as far as markup says, inherited from its
   * whole flat-tree path up to the root (where `ownExclusionOf` looks at one
   * element): an excluded element on the way (`'skipped'` for good, `'hidden'`
   * for now), `'outside'` when it is not under the root; null when it may. Cached.
   */
  inheritedExclusionOf(node: Node): Exclusion {
    if (node === this.root) return null;
    let known = this.exclusions.get(node);
    if (known !== undefined) return known;
    const own = isElement(node) ? ownExclusionOf(node) : null;
    const parent = flatParent(node);
    if (own === 'skipped') known = 'skipped';
    else if (!parent) known = 'outside';
    else {
      const above = this.inheritedExclusionOf(parent);
      // Skipped for good beats hidden for now: showing it later would not make it markable.
      known = above === 'skipped' || above === 'outside' ? above : (above ?? own);
    }
    this.exclusions.set(node, known);
    return known;
  }

  /** Whether `node` (a block remembered for a hidden mention, or that mention's text) is shown and markable now. */
  isShownNow(node: Node): boolean {
    const element = isElement(node) ? node : flatParent(node);
    if (!element || !isElement(element)) return false;
    return this.inheritedExclusionOf(element) === null && this.isDisplayed(element) && !isInvisible(element);
  }

  /** Whether no flat-tree ancestor-or-self up to the document is `display: none`, cached. */
  private isDisplayed(element: Element): boolean {
    let known = this.displayed.get(element);
    if (known !== undefined) return known;
    const parent = flatParent(element);
    known = computedDisplayKind(element) !== 'none' && (!parent || !isElement(parent) || this.isDisplayed(parent));
    this.displayed.set(element, known);
    return known;
  }

  /** Forgets cached answers. */
  reset(): void {
    this.exclusions.clear();
    this.displayed.clear();
  }
}

/** Whether text directly in `element` is not painted: `visibility: hidden` (inherited, so the parent's own value says). */
function isInvisible(element: Element): boolean {
  const view = element.ownerDocument.defaultView;
  if (typeof view?.getComputedStyle !== 'function' || !element.isConnected) return false;
  const visibility = view.getComputedStyle(element).visibility;
  return visibility === 'hidden' || visibility === 'collapse';
}
