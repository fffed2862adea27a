/**
 * What the benchmark's page bundle (`kernels.ts`) exposes on `window` and
 * what its calls return: the one contract between the Node side and the page.
 */

/** The global the kernels bundle installs its API under. */
export const BENCH_GLOBAL = '__policyLensBench';

/**
 * Kernels timed in a loop: each iteration does the whole job once over the
 * page. Two are diagnostics that split find's cost: `walkStyle` (a walk that
 * also reads each element's computed display, as any scanner that honours
 * CSS must) and `read` (the scanner's block reading without the matcher).
 */
export type LoopKernel = 'walk' | 'walkStyle' | 'read' | 'find' | 'total' | 'markjs';

/** How one timing sample loops a kernel. */
export interface SampleOptions {
  /** Keep iterating until the timed work reaches this many ms (at least one iteration). */
  minMs: number;
  /** Stop after this many iterations even if `minMs` is not reached. */
  maxIterations: number;
}

/** One timing sample: the kernel's mean time per iteration over a loop of `iterations`. */
export interface Sample {
  perIterationMs: number;
  iterations: number;
  /** What the last iteration produced (text nodes, mentions, marks): a sanity check and a sink. */
  count: number;
}

/** The page as the kernels see it. */
export interface PageInfo {
  /** Text nodes under `<body>` (the row filter: pages with at least 200). */
  textNodes: number;
  /** Characters in those text nodes. */
  chars: number;
  /** Elements in the document. */
  elements: number;
  /** Time to compile the matcher once (outside every kernel loop, as the content script does it once per page). */
  compileMs: number;
  /** Terms given to mark.js (every term text in the data, deduplicated). */
  markjsTerms: number;
}

/** The scanner's real sliced run on a freshly loaded page. */
export interface LongestTaskResult {
  /** Longest slice of our work, timed from the scanner's own scheduler hooks. */
  sliceMaxMs: number;
  slices: number;
  /** The same without the matcher's one-time compile, which the content script runs inside the first slices. */
  sliceMaxWithoutCompileMs: number;
  /** Time the lazy matcher compile took inside the scan. */
  compileMs: number;
  /** Sum of all slices: the CPU time the first scan cost. */
  busyMs: number;
  /** From marker start to settled, including the frames and yields in between. */
  wallMs: number;
  /** `longtask` entries (>= 50 ms) seen while the scan ran; null where the browser has no such entry type. */
  longTasks: number | null;
  longTaskMaxMs: number | null;
  /** Longest `long-animation-frame` entry seen while the scan ran; null where unsupported. */
  longFrameMaxMs: number | null;
  /** Marks shown when the scan settled. */
  marks: number;
}

/** Cost of the scanner's mutation path after 30 paragraphs are appended. */
export interface IncrementalResult extends Sample {
  /** Marks the appended paragraphs added (0 means the container hid them: the figure is then meaningless). */
  addedMarks: number;
  /** Where the paragraphs went: `article`, `main` or `body`. */
  container: string;
}

/** The API on `window[BENCH_GLOBAL]`. */
export interface BenchApi {
  info(): PageInfo;
  /** Times a kernel over the page once: a loop of iterations lasting at least `minMs`. */
  sample(kernel: LoopKernel, options: SampleOptions): Promise<Sample>;
  /** Runs the scanner with its real scheduling on this page; call first, on a fresh page. */
  longestTask(): Promise<LongestTaskResult>;
  /** Times appending 30 paragraphs until their marks are in, as one sample. */
  incremental(options: SampleOptions): Promise<IncrementalResult>;
  /**
   * The floor under `incremental`: the same append with no marker, plus the
   * style recalculation the scanner forces by reading the new paragraphs' display.
   */
  incrementalFloor(options: SampleOptions): Promise<Sample>;
}
