// The benchmark's sentences (bench/lib/lang-sentences.mjs), typed for the language tests. The module is
// plain JavaScript without declarations, so it is imported through a URL (typed here) rather than by name.

export type Sample = [lang: string, text: string];
type Role = 'user' | 'assistant';
export interface Chat {
  lang: string;
  turns: [role: Role, lang: string, content: string][];
}

export interface SentenceSet {
  LONG: Record<string, string[]>;
  SHORT: Record<string, string[]>;
  MIXED: Sample[];
  CHATS: Chat[];
  LANGUAGES: string[];
  CORE_LANGUAGES: string[];
  samples(set: Record<string, string[]>, half?: 'dev' | 'test' | 'all'): Sample[];
  messagesOf(chat: Chat): { role: Role; content: string }[];
}

const url = new URL('../../bench/lib/lang-sentences.mjs', import.meta.url).href;
export const sentences = (await import(url)) as SentenceSet;
