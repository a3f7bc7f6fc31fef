import { markdownToText } from "~/lib/markdown.server";

/** Words a reader sees: markdown syntax (links, emphasis, list markers) does not count. */
export function countWords(markdown: string): number {
  const text = markdownToText(markdown);
  return text === "" ? 0 : text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** "\r\n" from browsers counts as one character, as people see it. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}
