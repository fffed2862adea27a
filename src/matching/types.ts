/** One place in a text where a topic is named. Offsets are UTF-16 code units into the text searched. */
export interface Mention {
  /** Topic id. A span naming several topics yields one mention per topic. */
  topic: string;
  /** The data's term that matched, as written in the data. */
  term: string;
  /** The exact text matched. */
  text: string;
  start: number;
  end: number;
}

/** Finds mentions in one block of text (a paragraph); context rules look only inside that block. */
export interface Matcher {
  find(blockText: string): Mention[];
}
