/**
 * The page as the browser renders it: open shadow roots replace their host's
 * children, and slots show the nodes assigned to them. Walking this "flat
 * tree" reads text in the order the reader sees it, components included.
 */

const ELEMENT_NODE = 1;
const DOCUMENT_FRAGMENT_NODE = 11;

/** Whether a node is a shadow root (a fragment with a host). */
export function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === DOCUMENT_FRAGMENT_NODE && (node as ShadowRoot).host !== undefined;
}

/** Whether a node is an element (works across windows and content-script worlds, unlike instanceof). */
export function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

/** Where a node's rendered children come from, and which tree they live in. */
export interface FlatChildren {
  nodes: ArrayLike<Node>;
  /** The root of the tree holding `nodes`: a Range may not cross from one tree to another. */
  scope: Node;
  /** Set when the children are an open shadow root's: it needs observing like the document. */
  enteredShadowRoot: ShadowRoot | null;
}

/**
 * The rendered children of `parent`, which lives in tree `scope`: an open
 * shadow root's children for a host, the assigned nodes (or fallback
 * content) for a slot, otherwise the ordinary children.
 */
export function flatChildren(parent: Node, scope: Node): FlatChildren {
  if (isElement(parent)) {
    const shadowRoot = parent.shadowRoot;
    if (shadowRoot) return { nodes: shadowRoot.childNodes, scope: shadowRoot, enteredShadowRoot: shadowRoot };
    if (parent.localName === 'slot' && isShadowRoot(scope)) {
      const assigned = (parent as HTMLSlotElement).assignedNodes();
      const first = assigned[0];
      // Assigned nodes are the host's children, so they live in the host's tree.
      if (first) return { nodes: assigned, scope: first.getRootNode(), enteredShadowRoot: null };
    }
  }
  return { nodes: parent.childNodes, scope, enteredShadowRoot: null };
}

/** The node's parent in the flat tree: its slot if slotted, the host for a shadow root or its child. */
export function flatParent(node: Node): Node | null {
  if (isShadowRoot(node)) return node.host;
  const slot = (node as Element | Text).assignedSlot;
  if (slot) return slot;
  const parent = node.parentNode;
  if (parent && isShadowRoot(parent)) return parent.host;
  return parent;
}

const DISCONNECTED = 1;
const PRECEDING = 2;
const FOLLOWING = 4;

/** The chain from a node up through the hosts of the shadow trees it sits in. */
function hostChain(node: Node): Node[] {
  const chain = [node];
  let root = node.getRootNode();
  while (isShadowRoot(root)) {
    chain.push(root.host);
    root = root.host.getRootNode();
  }
  return chain;
}

/**
 * Negative if `a` comes before `b` in the page, positive if after, 0 if the
 * same node. Nodes in different shadow trees are compared through their
 * hosts; text inside a host's shadow tree counts as before the host's
 * slotted children (exact slot order would cost a walk and rarely matters).
 */
export function compareTreeOrder(a: Node, b: Node): number {
  if (a === b) return 0;
  const position = a.compareDocumentPosition(b);
  if (!(position & DISCONNECTED)) return position & FOLLOWING ? -1 : 1;
  const chainA = hostChain(a);
  const chainB = hostChain(b);
  for (const upA of chainA) {
    const rootA = upA.getRootNode();
    for (const upB of chainB) {
      if (upB.getRootNode() !== rootA) continue;
      if (upA === upB) return chainA.indexOf(upA) > chainB.indexOf(upB) ? -1 : 1;
      const lifted = upA.compareDocumentPosition(upB);
      if (lifted & FOLLOWING) return -1;
      if (lifted & PRECEDING) return 1;
    }
  }
  return 0;
}
