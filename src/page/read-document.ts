/**
 * A whole page read at once, the way the page marker reads it on its first
 * scan (the same reader, block matching, mention checks and article context),
 * for saved pages read in Node (`npm run scan`, `npm run eval`) and for tests.
 * Where the document has no style (Node), blocks and hidden text are judged
 * by tags and attributes alone.
 */
import type { Matcher } from '@/src/matching';
import { ArticleContext } from './article-context';
import { matchWholeBlock } from './match-block';
import { MentionChecker } from './mention-check';
import type { MarkDraft } from './mark-store';
import { readSubtree, type BlockText } from './reading';

/** One mark the page would get: its topics and where it stands in its block's text. */
export interface DocumentMark {
  topics: string[];
  term: string;
  text: string;
  /** Offsets into `block` (the block's text as the reader sees it). */
  start: number;
  end: number;
}

/** A block of the page with text, in document order, and its marks. */
export interface DocumentBlock {
  element: Element;
  text: string;
  /** The block's text with its map back to text nodes. */
  blockText: BlockText;
  marks: DocumentMark[];
}

/** Reads every block under `root` and returns those with text, in document order, with the marks they would get. */
export function readDocument(root: Element, matcher: Matcher): DocumentBlock[] {
  const document = root.ownerDocument;
  const checker = new MentionChecker(root);
  const texts = new Map<Element, BlockText>();
  const drafts = new Map<Element, readonly MarkDraft[]>();
  const context = new ArticleContext(matcher, (block, _nodes, decided) => drafts.set(block, decided));
  context.setPageText(document.title, document.querySelector('h1')?.textContent ?? '');
  const markable = (draft: MarkDraft) => checker.problemOf(draft) === null;
  for (const batch of readSubtree(root, { deep: true, added: null })) {
    for (const read of batch) {
      if (!read.text) continue;
      const match = matchWholeBlock(read.text, matcher);
      const pending = match.pending?.filter((item) => markable(item.draft)) ?? null;
      texts.set(read.block, read.text);
      drafts.set(read.block, context.blockRead(read.block, read.text.nodes, match.drafts.filter(markable), pending, match.facts));
    }
  }
  context.flush();
  // Document order, by one walk over the elements (cheaper and surer than comparing positions pairwise).
  const order = new Map<Element, number>();
  const walker = document.createTreeWalker(root, 1);
  for (let node: Node | null = root; node; node = walker.nextNode()) order.set(node as Element, order.size);
  return [...texts.keys()]
    .sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity))
    .map((element) => {
      const text = texts.get(element)!;
      return {
        element,
        text: text.text,
        blockText: text,
        marks: (drafts.get(element) ?? []).map((draft) => ({
          topics: draft.topics,
          term: draft.term,
          text: draft.text,
          start: text.offsetOf(draft.start),
          end: text.offsetOf(draft.end),
        })),
      };
    });
}
