/** `text` as a regular expression that matches it literally (file paths in messages). */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
