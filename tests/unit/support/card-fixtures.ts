/** Small, fixed card data for tests, independent of the bundled notes being edited. */
import type { Finding, Report, Topic } from '@/src/data';
import type { CardTopic } from '@/src/card/CardView';

export const report2023: Report = {
  id: 'partner-to-ally-2023',
  title: 'From Partner to Ally: The Case for a U.S.-Israel Mutual Defense Treaty',
  shortTitle: 'From Partner to Ally',
  publisher: 'JINSA',
  publisherNote: 'A Washington think tank that has advocated a U.S.-Israel defense treaty since 2018.',
  date: '2023-09',
  url: 'https://jinsa.org/media_category/us-israel-mutual-defense-treaty/',
};

export const report2024: Report = {
  id: 'by-itself-with-us-2024',
  title: 'By Itself, With U.S.',
  shortTitle: 'By Itself, With U.S.',
  publisher: 'JINSA',
  publisherNote: 'A Washington think tank that has advocated a U.S.-Israel defense treaty since 2018.',
  date: '2024-10-02',
  url: 'https://jinsa.org/jinsa_report/the-case-for-a-us-israel-mdt',
};

export const reports = new Map([report2023, report2024].map((report) => [report.id, report]));
export const getReport = (id: string) => reports.get(id);

export const treatyTopic: Topic = {
  id: 'mutual-defense-treaty',
  label: 'U.S.-Israel mutual defense treaty',
  summary: 'A proposed formal alliance in which each country pledges to help defend the other.',
  terms: [{ text: 'mutual defense treaty' }],
};

export const iranTopic: Topic = {
  id: 'nuclear-iran',
  label: 'Iran’s nuclear program',
  summary: 'Iran’s enrichment of uranium and how close it is to a weapon.',
  terms: [{ text: 'nuclear Iran' }],
};

/** `count` findings about `topic`, alternating between the two reports. */
export function findingsAbout(topic: Topic, count: number): Finding[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${topic.id}-finding-${index + 1}`,
    topics: [topic.id],
    text: `Finding ${index + 1} about ${topic.label}.`,
    citation: {
      report: index % 2 === 0 ? report2023.id : report2024.id,
      part: index % 2 === 0 ? 'Key findings' : 'Treaty scope',
    },
  }));
}

/** A card topic entry. */
export function cardTopic(topic: Topic, findings: Finding[], off = false): CardTopic {
  return { topic, findings, off };
}
